package dev.mailcheck.cli;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.Target;
import dev.mailcheck.target.TargetParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailcheck bench}: engine wall time of a check against the demo world on loopback with a
 * fixed latency injected into every DNS answer. The figure to watch is how many latencies a run
 * takes: it should equal the length of the longest chain of dependent questions.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Times the engine on the demo world with injected DNS latency.",
    subcommands = {SpfBenchCommand.class, BenchSlackCommand.class, BenchScanCommand.class})
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", defaultValue = "example.com", description = "A demo target (default ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--latency", converter = DurationConverter.class, defaultValue = "100ms", description = "Per-answer latency (default ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(names = "--runs", defaultValue = "10", description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--skip", paramLabel = "LIST",
      description = "Probes or checks to leave out, e.g. to time a run without some checks (default: every probe family "
          + "beyond DNS, so the bench times DNS only and nothing leaves the machine).")
  String skip;

  @Override
  public Integer call() throws IOException, BadTargetException {
    ServeChecks.atLeast("--runs", runs, 1);
    ServeChecks.atLeast("--warmup", warmup, 0);
    DemoWorld demo = DemoWorld.load();
    demo.world().latency(latency);
    PrintWriter out = spec.commandLine().getOut();
    try (LoopbackDnsServer server = LoopbackDnsServer.start(demo.world())) {
      Engine engine = new Engine(DnsSettings.of(List.of(server.address()))).withTrustAnchors(demo.trustAnchors());
      Target t = new TargetParser(true).parse(target);
      CheckOptions options = new CheckOptions(null, null, List.of(), skip != null ? dev.mailcheck.config.Config.parseSkip(skip, "--skip")
          : java.util.Set.copyOf(dev.mailcheck.check.Checks.probesBeyondDns().stream().map(dev.mailcheck.check.Probe::id).toList()), Duration.ofSeconds(20), Lang.EN);
      List<Long> times = new ArrayList<>();
      Report last = null;
      for (int i = 0; i < warmup + runs; i++) {
        long t0 = System.nanoTime();
        last = engine.run(t, options);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (i >= warmup) {
          times.add(ms);
        }
      }
      Collections.sort(times);
      long median = times.get(times.size() / 2);
      out.printf("target %s, latency %d ms, %d runs: min %d ms, median %d ms, max %d ms (%.1f latencies); %d DNS queries per run, verdict %s%n",
          target, latency.toMillis(), runs, times.get(0), median, times.get(times.size() - 1),
          latency.isZero() ? 0.0 : (double) median / latency.toMillis(), last.dnsQueries().size(), last.verdict().id());
      return Main.OK;
    }
  }
}
