package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.CachingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every applicable check of a target concurrently on one caching DNS client, under one
 * overall deadline. What has not finished by the deadline is reported as an error finding
 * ({@code check.incomplete}), never dropped. Areas are announced to the listener as they finish.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private static final java.util.concurrent.Executor STARTER =
      java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("check-", 0).factory());

  private final DnsSettings dns;
  private final List<Check> checks;

  public Engine(DnsSettings dns, List<Check> checks) {
    this.dns = dns;
    this.checks = List.copyOf(checks);
  }

  public Engine(DnsSettings dns) {
    this(dns, Checks.standard());
  }

  public Report run(Target target, CheckOptions options) {
    return run(target, options, RunListener.NONE);
  }

  public Report run(Target target, CheckOptions options, RunListener listener) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Duration deadline = options.timeout();
    DnsSettings settings = dns.fitting(deadline);
    QueryTrace trace = new QueryTrace();
    CheckContext ctx = new CheckContext(target, options,
        new CachingDnsClient(new ResolverDnsClient(settings.servers(), settings.attemptTimeout(), settings.attempts(), trace)),
        new FindingFactory(options.lang()));

    Map<Check, CompletableFuture<List<Finding>>> running = new LinkedHashMap<>();
    for (Check c : checks) {
      if (c.appliesTo(ctx) && !options.skips(c.name())) {
        running.put(c, guarded(ctx, c, deadline));
      }
    }
    Map<Area, List<Check>> areas = new EnumMap<>(Area.class);
    running.keySet().forEach(c -> areas.computeIfAbsent(Area.forCheck(c.name()), a -> new ArrayList<>()).add(c));
    List<CompletableFuture<Void>> announced = new ArrayList<>();
    areas.forEach((area, members) -> {
      CompletableFuture<?>[] fs = members.stream().map(running::get).toArray(CompletableFuture[]::new);
      announced.add(CompletableFuture.allOf(fs).thenRun(() -> {
        List<Finding> found = members.stream().flatMap(c -> running.get(c).join().stream()).toList();
        try {
          listener.areaCompleted(area, found);
        } catch (RuntimeException e) {
          LOG.warn("listener failed for area {}: {}", area.id(), e.toString());
        }
      }));
    });
    CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new)).join();

    List<Finding> findings = new ArrayList<>();
    areas.values().forEach(members -> members.forEach(c -> findings.addAll(running.get(c).join())));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    SendingIps ips = ctx.sendingIps().getNow(null);
    return Report.of(
        new Report.ReportTarget(target.input(), kindOf(ctx), target.name(), target.unicode()),
        options.from() == null || target.isIp() ? null : Addresses.text(options.from()),
        started, elapsed, findings,
        ips == null ? null : new Report.SendingIps(ips.assumed(), ips.addresses().stream().map(Addresses::text).toList()),
        trace.entries().stream().map(e -> new Report.DnsQuery(e.name(), e.type(), e.outcome().name(), e.elapsedMs(), e.resolver(), e.viaTcp()))
            .toList());
  }

  private static String kindOf(CheckContext ctx) {
    if (ctx.target().isIp()) {
      return "ip";
    }
    MailHosts hosts = ctx.mailHosts().getNow(null);
    return hosts != null && hosts.kind() == MailHosts.Kind.IMPLICIT ? "host" : "domain";
  }

  private static CompletableFuture<List<Finding>> guarded(CheckContext ctx, Check c, Duration deadline) {
    // Started on a thread of its own: a check that blocks in run() cannot hold up the others or the deadline.
    CompletableFuture<List<Finding>> f = CompletableFuture.supplyAsync(() -> c.run(ctx), STARTER).thenCompose(x -> x);
    return f.exceptionally(e -> {
          LOG.warn("check {} failed: {}", c.name(), rootCause(e).toString());
          LOG.debug("check {} failed", c.name(), e);
          return List.of(incomplete(ctx, c, "failed", String.valueOf(rootCause(e).getMessage())));
        })
        .completeOnTimeout(List.of(incomplete(ctx, c, "deadline", deadline.toMillis() / 1000.0 + " s")),
            deadline.toMillis(), TimeUnit.MILLISECONDS);
  }


  private static Finding incomplete(CheckContext ctx, Check c, String variant, String detail) {
    Finding f = ctx.findings().variant("check.incomplete", variant, Severity.ERROR, c.name(), List.of(detail), c.name(), detail);
    // Reported under the check that did not finish, so it shows in that check's area.
    return new Finding(f.id(), c.name(), f.severity(), f.subject(), f.summary(), f.evidence(), f.fix(), f.links());
  }

  private static Throwable rootCause(Throwable e) {
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    return e;
  }
}
