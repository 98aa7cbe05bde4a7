package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.CachingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.owner.RdapCache;
import dev.mailcheck.dnssec.TrustAnchors;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every applicable check of a target concurrently on one caching DNS client, under one
 * overall deadline. What has not finished by the deadline is reported as an error finding
 * ({@code check.incomplete}), never dropped. Areas are announced to the listener as they finish,
 * on the engine's own threads ({@link RunExecutor}).
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private static final FindingKind INCOMPLETE_DEADLINE = FindingKind.of("check.incomplete").variant("deadline");
  private static final FindingKind INCOMPLETE_FAILED = FindingKind.of("check.incomplete").variant("failed");

  private final DnsClientFactory dns;
  private final List<Check> checks;
  private final Clock clock;
  private final RunExecutor executor = RunExecutor.SHARED;
  private final FindingFactory findings = new FindingFactory();
  private final ProbeSettings probes;
  /** RDAP answers for the engine's lifetime: a bot asks each registry once a day per network. */
  private final RdapCache rdapCache = new RdapCache();
  private final TrustAnchors anchors;
  private final dev.mailcheck.smtp.SmtpProber smtp;

  /**
   * @param dns the DNS client of each run (the engine adds the run's cache)
   * @param checks the checks to run, in report order ({@link Checks#standard()}, or {@link Checks#only} in a test)
   * @param clock the time a report says it started
   */
  public Engine(DnsClientFactory dns, List<Check> checks, Clock clock) {
    this(dns, checks, clock, ProbeSettings.DEFAULTS);
  }

  /**
   * @param probes how checks beyond DNS reach the outside (HTTP guard and trust, RDAP base URL)
   */
  public Engine(DnsClientFactory dns, List<Check> checks, Clock clock, ProbeSettings probes) {
    this(dns, checks, clock, probes, null, null);
  }

  private Engine(DnsClientFactory dns, List<Check> checks, Clock clock, ProbeSettings probes, TrustAnchors anchors,
      dev.mailcheck.smtp.SmtpProber smtp) {
    this.probes = probes;
    this.anchors = anchors;
    this.dns = dns;
    this.checks = List.copyOf(checks);
    this.clock = clock;
    this.smtp = smtp;
  }

  /**
   * The same engine with an SMTP probe (null: none): only with one do the checks that talk SMTP run
   * (an engine without one, as most tests build it, never opens a connection to port 25).
   */
  public Engine withSmtp(dev.mailcheck.smtp.SmtpProber prober) {
    return new Engine(dns, checks, clock, probes, anchors, prober);
  }

  /** The same engine, its HTTPS fetches (MTA-STS policies, BIMI logos) made with these settings. */
  public Engine withHttp(HttpSettings settings) {
    return new Engine(dns, checks, clock, new ProbeSettings(settings, probes.rdap()), anchors, smtp);
  }

  /** The same engine running these checks instead (the CLI's blocklists from its own settings, {@link Checks#standardWith}). */
  public Engine withChecks(List<Check> replaced) {
    return new Engine(dns, replaced, clock, probes, anchors, smtp);
  }

  /** The same engine, DNSSEC validated from these anchors instead of the bundled root's ({@code MAILCHECK_TRUST_ANCHOR}). */
  public Engine withTrustAnchors(TrustAnchors trustAnchors) {
    return new Engine(dns, checks, clock, probes, trustAnchors, smtp);
  }

  /** The given checks on real resolvers ({@link DnsClientFactory#resolvers}). */
  public Engine(DnsSettings dns, List<Check> checks) {
    this(DnsClientFactory.resolvers(dns), checks, Clock.systemUTC());
  }

  /** Every registered check on real resolvers. */
  public Engine(DnsSettings dns) {
    this(dns, Checks.standard());
  }

  /** Every registered check on real resolvers, probes beyond DNS as configured. */
  public Engine(DnsSettings dns, ProbeSettings probes) {
    this(DnsClientFactory.resolvers(dns), Checks.standard(), Clock.systemUTC(), probes);
  }

  public Report run(Target target, CheckOptions options) {
    return run(target, options, RunListener.NONE);
  }

  public Report run(Target target, CheckOptions options, RunListener listener) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Duration deadline = options.timeout();
    QueryTrace trace = new QueryTrace();
    CheckContext ctx = new CheckContext(target, options, new CachingDnsClient(dns.forRun(deadline, trace)), findings, executor,
        probes, rdapCache, anchors, smtp);

    List<Check> performed = checks.stream().filter(c -> (!c.aboutDomainRecords() || !ctx.target().isIp()) && c.appliesTo(ctx) && !Checks.skipped(c, options)).toList();
    // Known before any check starts, so a check can leave to another what that one reports.
    ctx.running(performed.stream().map(Check::name).collect(Collectors.toSet()));
    Map<Check, CompletableFuture<List<Finding>>> running = new LinkedHashMap<>();
    Set<String> skipped = new LinkedHashSet<>();
    checks.stream().filter(c -> Checks.skipped(c, options)).forEach(c -> skipped.add(c.name()));
    for (Check c : performed) {
      if (!c.afterOthers()) {
        running.put(c, guarded(ctx, c, deadline));
      }
    }
    // Two rounds: the checks that ask, then those that read what the first round found (readiness).
    List<Check> firstRound = List.copyOf(running.keySet());
    CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
      List<Finding> found = new ArrayList<>();
      firstRound.forEach(c -> found.addAll(running.get(c).join()));
      ctx.earlierDone(new EarlierFindings(found, firstRound.stream().map(Check::name).collect(Collectors.toSet()), skipped));
    });
    for (Check c : performed) {
      if (c.afterOthers()) {
        running.put(c, guardedAfterOthers(ctx, c, deadline));
      }
    }
    Map<Area, List<Check>> areas = new EnumMap<>(Area.class);
    running.keySet().forEach(c -> areas.computeIfAbsent(c.area(), a -> new ArrayList<>()).add(c));
    if (listener == RunListener.NONE) {
      CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new)).join();
    } else {
      announce(areas, running, listener).join();
    }

    List<Finding> found = new ArrayList<>();
    areas.values().forEach(members -> members.forEach(c -> found.addAll(running.get(c).join())));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    SendingIps ips = ctx.sendingIps().getNow(null);
    return Report.of(
        new Report.ReportTarget(target.input(), kindOf(ctx), target.name(), target.unicode()),
        options.from() == null || target.isIp() ? null : Addresses.text(options.from()),
        started, elapsed, found,
        ips == null ? null : new Report.SendingIps(ips.assumed(), ips.addresses().stream().map(Addresses::text).toList()),
        trace.entries().stream().map(e -> new Report.DnsQuery(e.name(), e.type(), e.outcome().name(), e.elapsedMs(), e.resolver(), e.viaTcp()))
            .toList());
  }

  /** Tells the listener about each area once all its checks are done; completes when every area has been told. */
  private CompletableFuture<Void> announce(Map<Area, List<Check>> areas, Map<Check, CompletableFuture<List<Finding>>> running,
      RunListener listener) {
    List<CompletableFuture<Void>> announced = new ArrayList<>();
    areas.forEach((area, members) -> {
      CompletableFuture<?>[] fs = members.stream().map(running::get).toArray(CompletableFuture[]::new);
      // On a worker: a listener may block (a Slack post), and must not hold up whichever thread finished last.
      announced.add(CompletableFuture.allOf(fs).thenRunAsync(() -> {
        List<Finding> found = members.stream().flatMap(c -> running.get(c).join().stream()).toList();
        try {
          listener.areaCompleted(area, found);
        } catch (RuntimeException e) {
          LOG.warn("listener failed for area {}: {}", area.id(), e.toString());
        }
      }, executor.workers()));
    });
    return CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new));
  }

  private static String kindOf(CheckContext ctx) {
    if (ctx.target().isIp()) {
      return "ip";
    }
    MailHosts hosts = ctx.mailHosts().getNow(null);
    return hosts != null && hosts.kind() == MailHosts.Kind.IMPLICIT ? "host" : "domain";
  }

  private CompletableFuture<List<Finding>> guarded(CheckContext ctx, Check c, Duration deadline) {
    // Started on a thread of its own: a check that blocks in run() cannot hold up the others or the deadline.
    CompletableFuture<List<Finding>> f = CompletableFuture.supplyAsync(() -> c.run(ctx), executor.workers()).thenCompose(x -> x);
    if (c.aboutDomainRecords()) {
      f = ctx.unlessNonexistent(f);
    }
    CompletableFuture<List<Finding>> safe = f.exceptionally(e -> {
      LOG.warn("check {} failed: {}", c.name(), rootCause(e).toString());
      LOG.debug("check {} failed", c.name(), e);
      return List.of(incomplete(c, INCOMPLETE_FAILED, String.valueOf(rootCause(e).getMessage())));
    });
    return executor.completeAfter(safe, List.of(incomplete(c, INCOMPLETE_DEADLINE, deadline.toMillis() / 1000.0 + " s")), deadline);
  }

  /**
   * A check that reads the first round's findings starts when they are in, and gets a short time of
   * its own after the deadline ({@link #AFTER_OTHERS}): the first round may end exactly at the
   * deadline, and what it found must still be read.
   */
  private CompletableFuture<List<Finding>> guardedAfterOthers(CheckContext ctx, Check c, Duration deadline) {
    CompletableFuture<List<Finding>> f = ctx.earlier().thenComposeAsync(x -> c.run(ctx), executor.workers());
    CompletableFuture<List<Finding>> safe = f.exceptionally(e -> {
      LOG.warn("check {} failed: {}", c.name(), rootCause(e).toString());
      return List.of(incomplete(c, INCOMPLETE_FAILED, String.valueOf(rootCause(e).getMessage())));
    });
    return executor.completeAfter(safe, List.of(incomplete(c, INCOMPLETE_DEADLINE, deadline.toMillis() / 1000.0 + " s")),
        deadline.plus(AFTER_OTHERS));
  }

  /** How long a check that runs after the others may take past the run's deadline. */
  static final Duration AFTER_OTHERS = Duration.ofSeconds(1);

  private Finding incomplete(Check c, FindingKind kind, String detail) {
    // Reported under the check that did not finish, so it shows in that check's area.
    return findings.make(c.name(), kind, Severity.ERROR, c.name(), List.of(detail), c.name(), detail);
  }

  private static Throwable rootCause(Throwable e) {
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    return e;
  }
}
