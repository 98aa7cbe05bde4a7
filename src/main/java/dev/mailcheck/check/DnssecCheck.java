package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.dnssec.DnssecValidator;
import dev.mailcheck.dnssec.DnssecValidator.Result;
import dev.mailcheck.dnssec.DnssecValidator.Status;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * DNSSEC (RFC 4033-4035): whether the domain's MX answer and each MX host's address validate from
 * the trust anchor, with dnsjava's {@link org.xbill.DNS.dnssec.ValidatingResolver}. Information
 * unless an answer is bogus: a signed zone whose signatures do not hold is one that validating
 * resolvers refuse to answer for, so mail to it stops.
 *
 * <p>The DS and DNSKEY questions of every zone on the way are asked at once, before the validator
 * walks down the chain one zone at a time: its questions then find their answers in the run's cache,
 * and the check takes the time of the MX lookup and one more round trip, not one per zone.
 */
public final class DnssecCheck implements Check {
  private static final FindingKind OK = FindingKind.of("dnssec.ok");
  private static final FindingKind OK_PARTIAL = OK.variant("partial");
  private static final FindingKind UNSIGNED = FindingKind.of("dnssec.unsigned");
  private static final FindingKind BOGUS = FindingKind.of("dnssec.bogus");
  private static final FindingKind UNAVAILABLE = FindingKind.of("dnssec.unavailable");
  private static final FindingKind DNS_ERROR = FindingKind.of("dns.error");

  @Override
  public String name() {
    return "dnssec";
  }

  @Override
  public Area area() {
    return Area.TRANSPORT;
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    Name domain = DnsNames.absolute(ctx.target().name());
    DnssecValidator validator = new DnssecValidator(ctx.dns(), ctx.trustAnchors(), Clock.systemUTC());
    Name anchor = ctx.trustAnchors().zone();
    // Asked with the others: whether the resolver path carries DNSSEC data at all.
    CompletableFuture<DnsAnswer> anchorKeys = ctx.dns().query(anchor, Type.DNSKEY);
    prefetch(ctx.dns(), domain, true);
    CompletableFuture<Result> own = validator.validate(domain, Type.MX);
    CompletableFuture<Map<Name, Result>> hosts = ctx.mailHosts().thenCompose(h -> {
      Map<Name, CompletableFuture<Result>> each = new LinkedHashMap<>();
      if (h.kind() == MailHosts.Kind.MX) {
        for (MailHosts.MailHost host : h.hosts()) {
          if (!host.ipLiteral() && !each.containsKey(host.name())) {
            prefetch(ctx.dns(), host.name(), false);
            each.put(host.name(), validator.validate(host.name(), Type.A));
          }
        }
      }
      return CompletableFuture.allOf(each.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
        Map<Name, Result> out = new LinkedHashMap<>();
        each.forEach((n, f) -> out.put(n, f.join()));
        return out;
      });
    });
    return own.thenCombine(hosts, (d, h) -> anchorKeys.thenApply(keys -> {
      if (!keys.outcome().answered()) {
        return List.of(ctx.dnsFailure(name(), keys));
      }
      if (keys.records().isEmpty() || keys.signatures().isEmpty()) {
        // No signed keys where validation starts: the resolver strips DNSSEC data (or the world has
        // none). Every answer would read as bogus; say that validation was not possible instead.
        List<String> ev = new ArrayList<>(Evidence.answer(keys));
        ev.add(keys.question() + " RRSIG: " + keys.signatures().size());
        return List.of(ctx.findings().make(UNAVAILABLE, Severity.INFO, ctx.target().name(), ev,
            ctx.target().name(), DnsNames.display(anchor), keys.resolver()));
      }
      return findings(ctx, d, h);
    })).thenCompose(x -> x);
  }

  /** The DS and DNSKEY of every zone that may lie between the root and the name, all at once. */
  private static void prefetch(DnsClient dns, Name name, boolean apex) {
    for (int skip = apex ? 0 : 1; skip < name.labels() - 1; skip++) {
      Name zone = new Name(name, skip);
      dns.query(zone, Type.DS);
      dns.query(zone, Type.DNSKEY);
    }
    if (!apex) {
      dns.query(name, Type.DS);
    }
  }

  private List<Finding> findings(CheckContext ctx, Result own, Map<Name, Result> hosts) {
    FindingFactory f = ctx.findings();
    String domain = ctx.target().name();
    List<Finding> out = new ArrayList<>();
    List<String> unsignedHosts = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    lines.add(line(domain + " MX", own));
    hosts.forEach((n, r) -> lines.add(line(DnsNames.display(n) + " A", r)));
    if (own.status() == Status.UNKNOWN) {
      out.add(unknown(ctx, own));
    } else if (own.status() == Status.BOGUS) {
      out.add(f.make(BOGUS, Severity.FAIL, domain, lines, domain, reason(own)));
    }
    hosts.forEach((n, r) -> {
      String host = DnsNames.display(n);
      switch (r.status()) {
        case BOGUS -> out.add(f.make(BOGUS, Severity.FAIL, host, lines, host, reason(r)));
        case UNKNOWN -> out.add(unknown(ctx, r));
        case INSECURE -> unsignedHosts.add(host);
        case SECURE -> { }
      }
    });
    if (own.status() == Status.INSECURE) {
      out.add(0, f.make(UNSIGNED, Severity.INFO, domain, lines, domain));
    } else if (own.status() == Status.SECURE && out.isEmpty()) {
      out.add(unsignedHosts.isEmpty()
          ? f.make(OK, Severity.PASS, domain, lines, domain, hosts.size())
          : f.make(OK_PARTIAL, Severity.INFO, domain, lines, domain, String.join(", ", unsignedHosts)));
    }
    return out;
  }

  private Finding unknown(CheckContext ctx, Result r) {
    if (r.failed() != null) {
      return ctx.dnsFailure(name(), r.failed());
    }
    // The validator stopped without a failed question to show: say what it said, as an unanswerable question.
    return ctx.findings().make(name(), DNS_ERROR, Severity.ERROR, ctx.target().name(),
        List.of(String.valueOf(r.reason())), ctx.target().name());
  }

  private static Object reason(Result r) {
    return r.reason() == null ? Text.of("dnssec.no-reason") : r.reason();
  }

  private static String line(String question, Result r) {
    return question + ": " + r.status().name().toLowerCase(java.util.Locale.ROOT) + (r.reason() == null ? "" : " (" + r.reason() + ")");
  }
}
