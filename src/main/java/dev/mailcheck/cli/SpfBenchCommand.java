package dev.mailcheck.cli;

import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.spf.SpfEvaluator;
import dev.mailcheck.spf.SpfOutcome;
import dev.mailcheck.spf.SpfRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck bench spf}: check_host() wall time over loopback DNS with a fixed latency added
 * to every answer, for records whose shape decides the cost: a deep include chain (each level needs
 * the previous one: inherently sequential) and wide records (many includes with a/mx terms), where
 * the prefetcher should bring the cost down to one latency per step of the longest chain of
 * dependent questions. Each case runs with and without prefetching.
 */
@Command(name = "spf", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Times SPF evaluation (check_host) of a deep and a wide record with injected DNS latency.")
final class SpfBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--latency", converter = DurationConverter.class, defaultValue = "100ms", description = "Per-answer latency (default ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(names = "--runs", defaultValue = "7", description = "Measured runs per case (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  /**
   * One benchmark record: where evaluation starts, the client, the depth of its include tree (the
   * issue's literal target: 1.3 × depth latencies) and the longest chain of dependent questions
   * (a lower bound on the wall time: an mx term's host is known only after its MX answer).
   */
  record Case(String name, String domain, String client, int depth, int chain, String shape) {}

  static final List<Case> CASES = List.of(
      new Case("deep", "deep.bench.test", "192.0.2.99", 10, 10,
          "an include chain 9 levels deep (10 records); the last one lists the client"),
      new Case("wide", "wide.bench.test", "192.0.2.200", 2, 4,
          "8 includes, each with an a: and an mx: term; no term matches, so evaluation reaches lookup 11 (permerror)"),
      new Case("wide-within-limits", "wide10.bench.test", "203.0.113.8", 2, 3,
          "a, mx and 8 includes (10 lookups); the 8th include lists the client"));

  /** The benchmark world: every name under bench.test. */
  static DnsWorld world() {
    StringBuilder z = new StringBuilder();
    z.append("deep.bench.test. TXT \"v=spf1 include:l1.bench.test -all\"\n");
    for (int i = 1; i < 9; i++) {
      z.append("l").append(i).append(".bench.test. TXT \"v=spf1 include:l").append(i + 1).append(".bench.test -all\"\n");
    }
    z.append("l9.bench.test. TXT \"v=spf1 ip4:192.0.2.99 -all\"\n");
    StringBuilder top = new StringBuilder("wide.bench.test. TXT \"v=spf1");
    StringBuilder top10 = new StringBuilder("wide10.bench.test. TXT \"v=spf1 a mx");
    for (int i = 1; i <= 8; i++) {
      top.append(" include:w").append(i).append(".bench.test");
      top10.append(" include:s").append(i).append(".bench.test");
      z.append("w").append(i).append(".bench.test. TXT \"v=spf1 a:h").append(i).append(".bench.test mx:m").append(i)
          .append(".bench.test ~all\"\n");
      z.append("h").append(i).append(".bench.test. A 198.51.100.").append(i).append('\n');
      z.append("m").append(i).append(".bench.test. MX 10 mx").append(i).append(".bench.test.\n");
      z.append("mx").append(i).append(".bench.test. A 198.51.100.").append(100 + i).append('\n');
      z.append("s").append(i).append(".bench.test. TXT \"v=spf1 ip4:203.0.113.").append(i).append(" ~all\"\n");
    }
    z.append(top).append(" -all\"\n").append(top10).append(" -all\"\n");
    z.append("wide10.bench.test. A 198.51.100.50\n");
    z.append("wide10.bench.test. MX 10 mx.wide10.bench.test.\n");
    z.append("mx.wide10.bench.test. A 198.51.100.51\n");
    return new DnsWorld().records(z.toString());
  }

  @Override
  public Integer call() throws IOException {
    ServeChecks.atLeast("--runs", runs, 1);
    ServeChecks.atLeast("--warmup", warmup, 0);
    PrintWriter out = spec.commandLine().getOut();
    DnsWorld world = world().latency(latency);
    try (LoopbackDnsServer server = LoopbackDnsServer.start(world)) {
      out.printf("latency %d ms per answer, %d runs after %d warm-ups; times are medians%n", latency.toMillis(), runs, warmup);
      for (Case c : CASES) {
        for (boolean prefetch : new boolean[] {true, false}) {
          Result r = measure(server, c, prefetch);
          double latencies = latency.isZero() ? 0 : (double) r.medianMs / latency.toMillis();
          String questions = r.fewest == r.most ? Integer.toString(r.fewest) : r.fewest + "-" + r.most;
          out.printf("%-19s prefetch %-3s  %5d ms = %4.1f latencies (tree %d: <= %.1f; chain %d: <= %.1f)  %-9s %2d lookups  %5s questions%n",
              c.name(), prefetch ? "on" : "off", r.medianMs, latencies, c.depth(), 1.3 * c.depth(), c.chain(), 1.3 * c.chain(),
              r.outcome.result().id(),
              r.outcome.dnsLookups(), questions);
        }
        out.println("  " + c.name() + ": " + c.shape());
      }
      out.flush();
    }
    return Main.OK;
  }

  /** The median time, the last outcome, and the fewest and most questions asked in one measured run. */
  record Result(long medianMs, SpfOutcome outcome, int fewest, int most) {}

  private Result measure(LoopbackDnsServer server, Case c, boolean prefetch) {
    List<Long> times = new ArrayList<>();
    SpfOutcome last = null;
    int fewest = Integer.MAX_VALUE;
    int most = 0;
    SpfRequest request = new SpfRequest(SpfRequest.parseAddress(c.client()), "postmaster@" + c.domain(), "mail." + c.domain());
    for (int i = 0; i < warmup + runs; i++) {
      QueryTrace trace = new QueryTrace();
      ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), latency.multipliedBy(10).plusSeconds(1), 1, trace);
      long t0 = System.nanoTime();
      last = new SpfEvaluator(dns, prefetch, Duration.ofSeconds(60)).checkHost(request).join();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (i >= warmup) {
        times.add(ms);
        fewest = Math.min(fewest, trace.size());
        most = Math.max(most, trace.size());
      }
    }
    Collections.sort(times);
    return new Result(times.get(times.size() / 2), last, fewest, most);
  }
}
