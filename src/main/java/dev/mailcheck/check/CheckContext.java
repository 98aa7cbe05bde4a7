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

  public CheckContext(Target target, CheckOptions options, DnsClient dns, FindingFactory findings) {
    this.target = target;
    this.options = options;
    this.dns = dns;
    this.findings = findings;
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
