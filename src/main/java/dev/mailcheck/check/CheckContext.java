package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dnssec.TrustAnchors;
import dev.mailcheck.http.HttpFetcher;
import dev.mailcheck.http.OkHttpFetcher;
import dev.mailcheck.owner.RdapCache;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import java.util.Set;
import dev.mailcheck.report.Text;
import dev.mailcheck.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every check of one run shares: the target, the options, one caching DNS client, the
 * finding factory, and results that several checks need (computed once, by {@link SharedKey}).
 */
public final class CheckContext {
  static final FindingKind DNS_TIMEOUT = FindingKind.of("dns.timeout");
  static final FindingKind DNS_TIMEOUT_NO_TCP = DNS_TIMEOUT.variant("no-tcp");
  static final FindingKind DNS_SERVFAIL = FindingKind.of("dns.servfail");
  static final FindingKind DNS_REFUSED = FindingKind.of("dns.refused");
  static final FindingKind DNS_ERROR = FindingKind.of("dns.error");
  static final FindingKind DNS_ERROR_NO_TCP = DNS_ERROR.variant("no-tcp");
  static final FindingKind INCOMPLETE_SUBJECT = FindingKind.of("check.incomplete").variant("subject");
  static final FindingKind DOMAIN_NONEXISTENT = FindingKind.of("domain.nonexistent");

  /** The mail hosts of the target domain (MX, or the implicit MX). */
  public static final SharedKey<MailHosts> MAIL_HOSTS = SharedKey.of("mailHosts", MailHostsLookup::lookup);

  /** The addresses treated as the senders of the run. */
  public static final SharedKey<SendingIps> SENDING_IPS = SharedKey.of("sendingIps", SendingIps::resolve);

  private final Target target;
  private final CheckOptions options;
  private final DnsClient dns;
  private final FindingFactory findings;
  private final RunExecutor executor;
  private final TrustAnchors trustAnchors;
  private final dev.mailcheck.smtp.SmtpProber smtp;
  private final ConcurrentHashMap<SharedKey<?>, CompletableFuture<?>> shared = new ConcurrentHashMap<>();
  private final ProbeSettings probes;
  private final RdapCache rdapCache;
  private volatile HttpFetcher http;

  private final long deadlineNanos;
  /** The names of the checks this run performs; set by the engine before any of them starts. */
  private volatile Set<String> running = Set.of();
  private final CompletableFuture<EarlierFindings> earlier = new CompletableFuture<>();

  /** A context whose run ends {@code options.timeout()} from now. */
  public CheckContext(Target target, CheckOptions options, DnsClient dns, FindingFactory findings) {
    this(target, options, dns, findings, RunExecutor.SHARED, ProbeSettings.DEFAULTS, new RdapCache(), null, null);
  }

  CheckContext(Target target, CheckOptions options, DnsClient dns, FindingFactory findings, RunExecutor executor,
      ProbeSettings probes, RdapCache rdapCache, TrustAnchors trustAnchors, dev.mailcheck.smtp.SmtpProber smtp) {
    this.probes = probes;
    this.rdapCache = rdapCache;
    this.trustAnchors = trustAnchors;
    this.target = target;
    this.smtp = smtp;
    this.options = options;
    this.dns = dns;
    this.findings = findings;
    this.executor = executor;
    this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
  }

  /** Time left before the run's deadline (zero once it has passed). */
  public Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /**
   * Bounds one subject's part of a check (one IP of several, say) just before the run's deadline, so
   * that what the other subjects found is kept and only this one is reported unfinished
   * ({@code check.incomplete}, per subject) instead of the engine replacing the whole check.
   */
  public CompletableFuture<List<Finding>> beforeDeadline(String check, String subject, CompletableFuture<List<Finding>> part) {
    Duration left = remaining();
    // Finish a little before the engine's own deadline so this answer, not the engine's, is the one kept.
    long margin = Math.min(50, left.toMillis() / 10);
    String limit = options.timeout().toMillis() / 1000.0 + " s";
    Finding unfinished = findings.make(check, INCOMPLETE_SUBJECT, Severity.ERROR, subject, List.of(limit), check, subject, limit);
    CompletableFuture<List<Finding>> bounded = new CompletableFuture<>();
    part.whenComplete((v, e) -> {
      if (e != null) {
        bounded.completeExceptionally(e);
      } else {
        bounded.complete(v);
      }
    });
    return executor.completeAfter(bounded, List.of(unfinished), Duration.ofMillis(Math.max(0, left.toMillis() - margin)));
  }

  public Target target() {
    return target;
  }

  public CheckOptions options() {
    return options;
  }

  public DnsClient dns() {
    return dns;
  }

  /** Where DNSSEC validation starts: the configured anchors, else the bundled root's. */
  public TrustAnchors trustAnchors() {
    return trustAnchors != null ? trustAnchors : TrustAnchors.root();
  }

  /** Runs blocking work (an HTTPS fetch) on a virtual thread of the run, so no DNS or timer thread waits for it. */
  public <T> CompletableFuture<T> blocking(java.util.function.Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor.workers());
  }

  /**
   * The run's SMTP probe, or null when the engine was given none (then no check talks SMTP). Whether
   * the run may use it is a separate question: {@code --skip smtp} ({@link #maySpeakSmtp}).
   */
  public dev.mailcheck.smtp.SmtpProber smtp() {
    return smtp;
  }

  /** Whether this run may open SMTP conversations: the engine has a probe and the options do not skip it. */
  public boolean maySpeakSmtp() {
    return smtp != null && !options.skips(Probe.SMTP.id());
  }

  public FindingFactory findings() {
    return findings;
  }

  /** How probes beyond DNS reach the outside (HTTP guard, RDAP base). */
  public ProbeSettings probes() {
    return probes;
  }

  /** The engine's RDAP answers, kept across runs ({@link RdapCache}). */
  public RdapCache rdapCache() {
    return rdapCache;
  }

  /** The run's guarded HTTP client: names resolved by the run's DNS client, special-use addresses refused unless allowed. */
  public HttpFetcher http() {
    HttpFetcher h = http;
    if (h == null) {
      synchronized (this) {
        if (http == null) {
          http = new OkHttpFetcher(dns, probes.http());
        }
        h = http;
      }
    }
    return h;
  }

  /** The engine's threads, for steps that block (an HTTP fetch) and for timers. */
  RunExecutor executor() {
    return executor;
  }

  /** The run's value for the key: computed by the first check that asks, the same future for all. */
  @SuppressWarnings("unchecked") // the map holds for each key the future its own computation made
  public <T> CompletableFuture<T> get(SharedKey<T> key) {
    CompletableFuture<?> existing = shared.get(key);
    if (existing != null) {
      return (CompletableFuture<T>) existing;
    }
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<?> raced = shared.putIfAbsent(key, mine);
    if (raced != null) {
      return (CompletableFuture<T>) raced;
    }
    CompletableFuture<T> computed;
    try {
      computed = key.compute(this);
    } catch (RuntimeException e) {
      // A compute that throws must fail its waiters now, not leave them hanging until the deadline.
      computed = CompletableFuture.failedFuture(e);
    }
    computed.whenComplete((v, e) -> {
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(v);
      }
    });
    return mine;
  }

  void running(Set<String> checks) {
    this.running = Set.copyOf(checks);
  }

  /** Whether the check of that name is part of this run (not skipped, and applicable to the target). */
  public boolean runs(String check) {
    return running.contains(check);
  }

  /**
   * The one finding for a target domain that does not exist (NXDOMAIN for the name itself, RFC 8020):
   * usually a typo, and reported instead of a "missing" finding per record type.
   */
  public Finding domainNonexistent(String check, DnsAnswer a) {
    return findings.make(check, DOMAIN_NONEXISTENT, Severity.FAIL, target.name(), Evidence.answer(a), target.name());
  }

  /**
   * A check's findings, unless the target domain itself does not exist (NXDOMAIN for its MX
   * question, asked once per run and shared with the MX check) and a check of this run that
   * reports {@code domain.nonexistent} (MX, else SPF) says so: then nothing, so that a typo gives
   * one finding instead of a "missing" per record type. Run on its own, the check keeps its findings.
   */
  CompletableFuture<List<Finding>> unlessNonexistent(CompletableFuture<List<Finding>> findings) {
    if (target.isIp() || !(runs("mx") || runs("spf"))) {
      return findings;
    }
    CompletableFuture<DnsAnswer> own = dns.query(target.name(), org.xbill.DNS.Type.MX);
    return findings.thenCombine(own, (found, a) -> a.outcome() == dev.mailcheck.dns.DnsOutcome.NXDOMAIN ? List.<Finding>of() : found);
  }

  /**
   * The findings of every check that does not run {@linkplain Check#afterOthers() after the others};
   * completes once they have all finished. Only checks that run after the others may wait for it
   * (any other check waiting would wait for itself).
   */
  public CompletableFuture<EarlierFindings> earlier() {
    return earlier;
  }

  /** Called by the engine once the first round of checks is done. */
  void earlierDone(EarlierFindings found) {
    earlier.complete(found);
  }

  /** The mail hosts of the target domain (MX, or the implicit MX). */
  public CompletableFuture<MailHosts> mailHosts() {
    return get(MAIL_HOSTS);
  }

  /** The addresses treated as the senders of the run. */
  public CompletableFuture<SendingIps> sendingIps() {
    return get(SENDING_IPS);
  }

  /**
   * The finding for a DNS question that could not be answered: {@code dns.timeout},
   * {@code dns.servfail}, {@code dns.refused} or {@code dns.error}, severity error, subject the
   * question. Never a "missing" finding: the data may well exist. When the UDP answer was truncated
   * and the server would not answer over TCP, the finding says so (variant {@code no-tcp}).
   */
  public Finding dnsFailure(String check, DnsAnswer a) {
    // The outcome is worded (Korean readers get "시간 초과(TIMEOUT)"), and a network error says why.
    Text outcome = Text.of("dns.outcome." + a.outcome().name());
    Text line = a.cause() == null
        ? Text.of("dns.evidence", a.question(), outcome, a.elapsed().toMillis(), a.resolver())
        : Text.of("dns.evidence.cause", a.question(), outcome, a.elapsed().toMillis(), a.resolver(),
            a.causeDetail() == null ? Text.of("dns.cause." + a.cause()) : Text.of("dns.cause." + a.cause(), a.causeDetail()));
    // A failed TCP retry ends as a timeout or an error (DnsAnswer.failedOverTcp); the others have no such case.
    FindingKind kind = switch (a.outcome()) {
      case TIMEOUT -> a.tcpFailed() ? DNS_TIMEOUT_NO_TCP : DNS_TIMEOUT;
      case SERVFAIL -> DNS_SERVFAIL;
      case REFUSED -> DNS_REFUSED;
      default -> a.tcpFailed() ? DNS_ERROR_NO_TCP : DNS_ERROR;
    };
    List<Text> evidence = a.tcpFailed()
        ? List.of(line, Text.of("dns.evidence.no-tcp", a.question(), a.resolver()))
        : List.of(line);
    return findings.make(check, kind, Severity.ERROR, a.question(), evidence, a.question());
  }
}
