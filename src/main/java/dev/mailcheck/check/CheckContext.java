package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.Target;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every check of one run shares: the target, the options, one caching DNS client, the
 * finding factory in the run's language, and results that several checks need (computed once).
 */
public final class CheckContext {
  private final Target target;
  private final CheckOptions options;
  private final DnsClient dns;
  private final FindingFactory findings;
  private final ConcurrentHashMap<String, CompletableFuture<?>> shared = new ConcurrentHashMap<>();

  private final long deadlineNanos;

  /** A context whose run ends {@code options.timeout()} from now. */
  public CheckContext(Target target, CheckOptions options, DnsClient dns, FindingFactory findings) {
    this.target = target;
    this.options = options;
    this.dns = dns;
    this.findings = findings;
    this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
  }

  /** Time left before the run's deadline (zero once it has passed). */
  public java.time.Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left > 0 ? java.time.Duration.ofNanos(left) : java.time.Duration.ZERO;
  }

  /**
   * Bounds one subject's part of a check (one IP of several, say) just before the run's deadline, so
   * that what the other subjects found is kept and only this one is reported unfinished
   * ({@code check.incomplete}, per subject) instead of the engine replacing the whole check.
   */
  public CompletableFuture<List<Finding>> beforeDeadline(String check, String subject, CompletableFuture<List<Finding>> part) {
    java.time.Duration left = remaining();
    // Finish a little before the engine's own deadline so this answer, not the engine's, is the one kept.
    long margin = Math.min(50, left.toMillis() / 10);
    String limit = options.timeout().toMillis() / 1000.0 + " s";
    Finding unfinished = findings.variant(check, "check.incomplete", "subject", Severity.ERROR, subject, List.of(limit), check, subject, limit);
    return part.completeOnTimeout(List.of(unfinished), Math.max(0, left.toMillis() - margin), java.util.concurrent.TimeUnit.MILLISECONDS);
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

  public FindingFactory findings() {
    return findings;
  }

  /** Computes a value once per run and hands the same future to every check that asks. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> shared(String key, Function<CheckContext, CompletableFuture<T>> compute) {
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
      computed = compute.apply(this);
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

  /** The mail hosts of the target domain (MX, or the implicit MX). */
  public CompletableFuture<MailHosts> mailHosts() {
    return shared("mailHosts", MailHostsLookup::lookup);
  }

  /** The addresses treated as the senders of the run. */
  public CompletableFuture<SendingIps> sendingIps() {
    return shared("sendingIps", SendingIps::resolve);
  }

  /**
   * The finding for a DNS question that could not be answered: {@code dns.timeout},
   * {@code dns.servfail}, {@code dns.refused} or {@code dns.error}, severity error, subject the
   * question. Never a "missing" finding: the data may well exist. When the UDP answer was truncated
   * and the server would not answer over TCP, the finding says so (variant {@code no-tcp}).
   */
  public Finding dnsFailure(String check, DnsAnswer a) {
    String id = switch (a.outcome()) {
      case TIMEOUT -> "dns.timeout";
      case SERVFAIL -> "dns.servfail";
      case REFUSED -> "dns.refused";
      default -> "dns.error";
    };
    String line = findings.messages().get("dns.evidence", a.question(), a.outcome(), a.elapsed().toMillis(), a.resolver());
    if (a.tcpFailed()) {
      List<String> evidence = List.of(line, findings.messages().get("dns.evidence.no-tcp", a.question(), a.resolver()));
      return findings.variant(check, id, "no-tcp", Severity.ERROR, a.question(), evidence, a.question());
    }
    return findings.make(check, id, Severity.ERROR, a.question(), List.of(line), a.question());
  }
}
