package dev.mailcheck.cli;

import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.bench.SlackBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck bench slack}: the Slack bot's ack latency at its HTTP endpoint and a burst of
 * concurrent runs, against the demo world on loopback with DNS latency injected and a Slack Web
 * API stand-in on loopback. Prints the figures and whether they meet the targets.
 */
@Command(name = "slack", mixinStandardHelpOptions = true,
    description = "Benchmarks the Slack bot: ack latency (p50/p99) and a burst of concurrent runs, with resident memory.")
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

  @Override
  public Integer call() throws Exception {
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
}
