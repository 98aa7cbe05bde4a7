package dev.mailcheck.cli;

import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.bench.SlackBenchmark;
import dev.mailcheck.bench.SlackSoak;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck bench slack}: the Slack bot's ack latency at its HTTP endpoint and a burst of
 * concurrent runs, against the demo world on loopback with DNS latency injected and a Slack Web
 * API stand-in on loopback. Prints the figures and whether they meet the targets.
 */
@Command(name = "slack", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Benchmarks the Slack bot: ack latency (p50/p99) and a burst of concurrent runs, with resident memory.",
        "With --soak: a steady command rate for that long with faults injected into Slack calls; reports runs lost, "
            + "resident memory over time and threads after the first minute and at the end."})
final class BenchSlackCommand implements Callable<Integer> {
  static final double ACK_P50_TARGET_MS = 20;
  static final double ACK_P99_TARGET_MS = 100;
  static final long RSS_TARGET_BYTES = 300L * 1024 * 1024;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--acks", defaultValue = "250", description = "Measured signed commands for ack latency (default ${DEFAULT-VALUE}).")
  int acks;

  @Option(names = "--warmup", defaultValue = "50", description = "Unmeasured commands first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--burst", defaultValue = "50", description = "Concurrent runs in the burst (default ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--latency", converter = DurationConverter.class, defaultValue = "50ms", description = "Per-answer DNS latency (default ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(names = "--max-runs", defaultValue = "50", description = "The bot's concurrent runs (default ${DEFAULT-VALUE}).")
  int maxRuns;

  /** The longest soak: an hour (the longest duration the options take) shows any leak a day would. */
  static final Duration SOAK_MAX = Duration.ofHours(1);

  @Option(names = "--soak", converter = DurationConverter.class, description = "Soak for this long instead (e.g. 10m, 3m; at most 1h).")
  Duration soak;

  @Option(names = "--rate", defaultValue = "2", description = "Soak: commands per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--fault-share", defaultValue = "0.05", description = "Soak: share of Slack calls given a random fault, 0 to 1 (default ${DEFAULT-VALUE}).")
  double faultShare;

  @Option(names = "--seed", defaultValue = "20261203", description = "Soak: seed of the fault generator (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sample-every", converter = DurationConverter.class, defaultValue = "10s",
      description = "Soak: how often the bot's memory and threads are read (default ${DEFAULT-VALUE}).")
  Duration sampleEvery;

  @Override
  public Integer call() throws Exception {
    if (soak != null) {
      return soak();
    }
    if (acks < 1 || burst < 1) {
      throw new IllegalArgumentException("--acks and --burst must be at least 1.");
    }
    DemoWorld demo = DemoWorld.load();
    java.util.List<String> targets = demo.targets().stream().map(DemoWorld.DemoTarget::target).toList();
    SlackBenchmark.Result r = new SlackBenchmark(demo.world(), targets)
        .run(new SlackBenchmark.Options(acks, warmup, burst, latency, maxRuns));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("ack latency at POST /slack/events over %d signed commands: p50 %.1f ms, p99 %.1f ms, max %.1f ms (targets: p50 <= %.0f, p99 <= %.0f)%n",
        r.ackRequests(), r.ackP50Ms(), r.ackP99Ms(), r.ackMaxMs(), ACK_P50_TARGET_MS, ACK_P99_TARGET_MS);
    out.printf("  of which inside the bot's handler (request in to response sent, from its /healthz): p50 %.1f ms, p99 %.1f ms%n",
        r.serverP50Ms(), r.serverP99Ms());
    out.printf("burst of %d concurrent runs (DNS latency %d ms): %d completed in %d ms; findings posted %d of %d; 429s %d, failed calls %d%n",
        r.burstRuns(), latency.toMillis(), r.burstCompleted(), r.burstWallMs(), r.findingsPosted(), r.findingsExpected(),
        r.rateLimited(), r.failedCalls());
    out.printf("resident memory during the burst: peak VmRSS %d MB, VmHWM %d MB of the bot process (target <= %d MB)%n",
        r.peakRssBytes() >> 20, r.hwmBytes() >> 20, RSS_TARGET_BYTES >> 20);
    boolean met = r.ackP50Ms() <= ACK_P50_TARGET_MS && r.ackP99Ms() <= ACK_P99_TARGET_MS && r.burstCompleted() == r.burstRuns()
        && r.findingsPosted() == r.findingsExpected() && r.peakRssBytes() <= RSS_TARGET_BYTES;
    out.println(met ? "all targets met" : "TARGETS MISSED");
    out.flush();
    return met ? Main.OK : Main.FAILED;
  }

  /** Checks the soak's options; the sentence for the first one that is out of range, or null. */
  String soakProblem() {
    if (soak.compareTo(Duration.ofSeconds(1)) < 0 || soak.compareTo(SOAK_MAX) > 0) {
      return "--soak must be between 1s and 1h.";
    }
    if (!(rate > 0 && rate <= 100)) {
      return "--rate must be more than 0 and at most 100 commands per second.";
    }
    if (!(faultShare >= 0 && faultShare <= 1)) {
      return "--fault-share must be between 0 and 1.";
    }
    if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0) {
      return "--sample-every must be at least 1s.";
    }
    return null;
  }

  private int soak() throws Exception {
    String problem = soakProblem();
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    DemoWorld demo = DemoWorld.load();
    java.util.List<String> targets = demo.targets().stream().map(DemoWorld.DemoTarget::target).toList();
    SlackSoak.Result r = new SlackSoak(demo.world(), targets)
        .run(new SlackSoak.Options(soak, rate, faultShare, seed, latency, maxRuns, sampleEvery));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("soak of %s at %.2f commands/s, %.0f %% of Slack calls faulted at random (seed %d; %d faults injected, %d calls passed), DNS latency %d ms%n",
        soak.toSeconds() + " s", rate, faultShare * 100, seed, r.faultsInjected(), r.callsPassed(), latency.toMillis());
    out.printf("runs: %d commands sent, %d acks failed, %d verdicts on their parent, %d lost, %d parents posted twice%n",
        r.commandsSent(), r.acksFailed(), r.verdictsOnParent(), r.lost(), r.duplicateParents());
    Map<String, Long> c = r.botCounters();
    out.printf("bot counters: runs started %d, completed %d, verdict moved %d, failed %d, interrupted %d; slack calls %d, retries %d, "
            + "ambiguous posts %d (found %d, sent again %d)%n",
        c.getOrDefault("runs_started", 0L), c.getOrDefault("runs_completed", 0L), c.getOrDefault("runs_verdict_not_updated", 0L),
        c.getOrDefault("runs_failed", 0L), c.getOrDefault("runs_interrupted", 0L), c.getOrDefault("slack_calls", 0L),
        c.getOrDefault("slack_retries", 0L), c.getOrDefault("slack_ambiguous_posts", 0L), c.getOrDefault("slack_posts_found_after_failure", 0L),
        c.getOrDefault("slack_posts_sent_again", 0L));
    out.printf("runs lost by the bot's /metrics (started - completed - verdict moved - failed - interrupted - active): %.0f%n",
        r.lostByMetrics());
    out.println("resident memory (VmRSS) and threads of the bot over time:");
    for (SlackSoak.Sample s : r.samples()) {
      out.printf("  %5d s  %4d MB  %3d threads%n", s.atSeconds(), s.rssBytes() >> 20, s.threads());
    }
    out.printf("threads after the first minute %d (at %d s), at the end %d; RSS %d MB -> %d MB%n", r.afterFirstMinute().threads(),
        r.afterFirstMinute().atSeconds(), r.atEnd().threads(), r.afterFirstMinute().rssBytes() >> 20, r.atEnd().rssBytes() >> 20);
    long peak = r.samples().stream().mapToLong(SlackSoak.Sample::rssBytes).max().orElse(0);
    boolean met = r.lost() == 0 && r.lostByMetrics() <= 0 && r.duplicateParents() == 0 && r.acksFailed() == 0 && r.atEnd().threads() <= r.afterFirstMinute().threads()
        && peak <= RSS_TARGET_BYTES && (r.exitStatus() == 0 || r.exitStatus() == 143);
    out.println(met ? "soak passed: no run lost, no thread growth after the first minute" : "SOAK FAILED");
    out.flush();
    return met ? Main.OK : Main.FAILED;
  }
}
