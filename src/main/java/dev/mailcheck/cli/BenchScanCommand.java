package dev.mailcheck.cli;

import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.LimitingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.target.InputException;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListHealth;
import dev.mailcheck.dnsbl.RangeScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck bench scan}: the range scan's query rate against a loopback authoritative server
 * holding five blocklists, compared in the same run with {@code dnsperf} sending the same questions
 * to the same server with the same number in flight; and the scan's peak heap, to show memory is
 * bounded by the concurrency, not by the range.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Benchmarks 'mailcheck scan' against dnsperf on a loopback server (needs dnsperf on the PATH for the comparison).")
final class BenchScanCommand implements Callable<Integer> {
  static final String[] LISTS = {"zen.spamhaus.org", "bl.spamcop.net", "bl.mailspike.net", "psbl.surriel.com", "dnsbl-1.uceprotect.net"};

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The widest range the benchmark builds a world for. */
  private static final int WIDEST_PREFIX = 16;

  @Option(names = "--range", defaultValue = "198.18.0.0/22", description = "The range scanned, at most a /16 (default ${DEFAULT-VALUE}).")
  String range;

  @Option(names = "--concurrency", defaultValue = "64", description = "Questions in flight, for both tools (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs of each tool (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dnsperf", defaultValue = "dnsperf", description = "The dnsperf program (default ${DEFAULT-VALUE}).")
  String dnsperf;

  @Override
  public Integer call() throws Exception {
    ServeChecks.atLeast("--runs", runs, 1);
    PrintWriter out = spec.commandLine().getOut();
    Cidr cidr = Cidr.parse(range);
    // The loopback world holds a record for every 16th address: a /8 would not fit in memory.
    if (cidr.size().compareTo(java.math.BigInteger.ONE.shiftLeft(32 - WIDEST_PREFIX)) > 0) {
      throw new InputException("input.bench.range-too-large", cidr.toString(), WIDEST_PREFIX);
    }
    List<BlockList> lists = BlockLists.named(List.of(LISTS)).lists();
    DnsWorld world = new DnsWorld().records(BlockLists.testPointRecords());
    // Every 16th address is listed somewhere, so answers are a mix of NOERROR and NXDOMAIN.
    int i = 0;
    StringBuilder listed = new StringBuilder();
    for (InetAddress ip : cidr) {
      if (i++ % 16 == 0) {
        listed.append(lists.get(i % lists.size()).queryName(ip)).append(" A 127.0.0.2\n");
      }
    }
    world.records(listed.toString());
    Path queries = Files.createTempFile("mailcheck-scan-", ".queries");
    try (LoopbackDnsServer server = LoopbackDnsServer.start(world)) {
      writeQueries(queries, cidr, lists);
      long questions = cidr.size().longValueExact() * lists.size();
      out.printf("range %s (%d addresses) x %d lists = %d questions, %d in flight, server 127.0.0.1:%d%n",
          cidr, cidr.size(), lists.size(), questions, concurrency, server.port());
      scanOnce(server, cidr, lists, null);
      List<Double> scanRates = new ArrayList<>();
      List<Double> perfRates = new ArrayList<>();
      long peak = 0;
      for (int r = 0; r < runs; r++) {
        long[] heap = new long[1];
        scanRates.add(scanOnce(server, cidr, lists, heap));
        peak = Math.max(peak, heap[0]);
        Double perf = dnsperfOnce(server, queries);
        if (perf != null) {
          perfRates.add(perf);
        }
      }
      double scan = median(scanRates);
      out.printf("mailcheck scan: median %.0f questions/s over %d runs (%s); peak heap in use during a scan %.1f MiB%n",
          scan, runs, format(scanRates), peak / 1048576.0);
      if (perfRates.isEmpty()) {
        out.println("dnsperf: not run (not found as '" + dnsperf + "'); install it (Debian: apt-get install dnsperf) for the comparison");
        return Main.OK;
      }
      double perf = median(perfRates);
      out.printf("dnsperf -q %d: median %.0f questions/s over %d runs (%s)%n", concurrency, perf, perfRates.size(), format(perfRates));
      out.printf("scan / dnsperf = %.0f %% (target >= 50 %%)%n", 100 * scan / perf);
      return Main.OK;
    } finally {
      Files.deleteIfExists(queries);
    }
  }

  private double scanOnce(LoopbackDnsServer server, Cidr cidr, List<BlockList> lists, long[] peakHeap) throws InterruptedException {
    System.gc();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long base = mem.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong();
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed() - base, Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    int before = server.udpQueries();
    long t0 = System.nanoTime();
    try (dev.mailcheck.dns.PooledUdpDnsClient udp = new dev.mailcheck.dns.PooledUdpDnsClient(server.address(), Duration.ofSeconds(2), 2,
        QueryTrace.discarding())) {
      DnsClient client = new LimitingDnsClient(udp, new LimitingDnsClient.Limit(concurrency));
      new RangeScan(new Dnsbl(new ListHealth())).run(cidr, lists, client, concurrency, (ip, hits) -> { });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long ns = System.nanoTime() - t0;
    sampler.interrupt();
    sampler.join();
    if (peakHeap != null) {
      peakHeap[0] = peak.get();
    }
    return (server.udpQueries() - before) / (ns / 1e9);
  }

  private Double dnsperfOnce(LoopbackDnsServer server, Path queries) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(dnsperf, "-s", "127.0.0.1", "-p", String.valueOf(server.port()), "-d", queries.toString(),
          "-n", "1", "-q", String.valueOf(concurrency), "-c", "1", "-t", "2").redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("dnsperf failed: " + text);
    }
    Matcher m = Pattern.compile("Queries per second:\\s+([0-9.]+)").matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no rate in dnsperf's output: " + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private static void writeQueries(Path file, Cidr cidr, List<BlockList> lists) throws IOException {
    try (var w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (InetAddress ip : cidr) {
        for (BlockList l : lists) {
          w.write(l.queryName(ip) + " A\n");
        }
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String format(List<Double> xs) {
    return String.join(", ", xs.stream().map(x -> String.format("%.0f", x)).toList());
  }
}
