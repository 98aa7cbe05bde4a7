package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.report.Severity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

/**
 * The domain's MX records and their addresses: {@code mx.ok}, {@code mx.missing} (with the implicit
 * MX of RFC 5321 §5.1), {@code mx.null} (RFC 7505; a warning when mixed with other MX records),
 * {@code mx.target-cname} (RFC 2181 §10.3), {@code mx.target-ip-literal} (RFC 5321 §5.1),
 * {@code mx.target-unresolvable}.
 */
public final class MxCheck implements Check {
  private static final FindingKind OK = FindingKind.of("mx.ok");
  private static final FindingKind MISSING = FindingKind.of("mx.missing");
  private static final FindingKind MISSING_IMPLICIT = MISSING.variant("implicit");
  private static final FindingKind NULL = FindingKind.of("mx.null");
  private static final FindingKind NULL_MIXED = NULL.variant("mixed");
  private static final FindingKind TARGET_CNAME = FindingKind.of("mx.target-cname");
  private static final FindingKind TARGET_IP_LITERAL = FindingKind.of("mx.target-ip-literal");
  private static final FindingKind TARGET_UNRESOLVABLE = FindingKind.of("mx.target-unresolvable");

  @Override
  public String name() {
    return "mx";
  }

  @Override
  public Area area() {
    return Area.TRANSPORT;
  }

  @Override
  public boolean appliesTo(CheckContext ctx) {
    return !ctx.target().isIp();
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.mailHosts().thenApply(hosts -> findings(ctx, hosts));
  }

  private List<Finding> findings(CheckContext ctx, MailHosts hosts) {
    FindingFactory f = ctx.findings();
    String domain = ctx.target().name();
    List<Finding> out = new ArrayList<>();
    switch (hosts.kind()) {
      case UNKNOWN -> {
        if (!hosts.mx().outcome().answered()) {
          out.add(ctx.dnsFailure(name(), hosts.mx()));
        } else {
          MailHosts.MailHost self = hosts.hosts().get(0);
          out.add(ctx.dnsFailure(name(), self.a().outcome().answered() ? self.aaaa() : self.a()));
        }
      }
      case NONE -> out.add(hosts.mx().outcome() == DnsOutcome.NXDOMAIN
          ? ctx.domainNonexistent(name(), hosts.mx())
          : f.make(MISSING, Severity.FAIL, domain, Evidence.answer(hosts.mx()), domain));
      case NULL_MX -> out.add(f.make(NULL, Severity.FAIL, domain, Evidence.answer(hosts.mx()), domain));
      case IMPLICIT -> {
        MailHosts.MailHost self = hosts.hosts().get(0);
        List<String> ev = new ArrayList<>(Evidence.answer(hosts.mx()));
        ev.addAll(addressLines(self));
        out.add(f.make(MISSING_IMPLICIT, Severity.INFO, domain, ev, domain, join(self.addresses())));
      }
      case MX -> out.addAll(mxFindings(ctx, hosts));
    }
    return out;
  }

  private List<Finding> mxFindings(CheckContext ctx, MailHosts hosts) {
    FindingFactory f = ctx.findings();
    String domain = ctx.target().name();
    List<Finding> out = new ArrayList<>();
    List<String> ok = new ArrayList<>(Evidence.answer(hosts.mx()));
    int resolvable = 0;
    List<MailHosts.MailHost> unresolvable = new ArrayList<>();
    for (MailHosts.MailHost h : hosts.hosts()) {
      String host = DnsNames.display(h.name());
      if (h.ipLiteral()) {
        out.add(f.make(TARGET_IP_LITERAL, Severity.FAIL, host, Evidence.answer(hosts.mx()), host, domain));
        continue;
      }
      for (DnsAnswer a : List.of(h.a(), h.aaaa())) {
        if (!a.outcome().answered()) {
          out.add(ctx.dnsFailure(name(), a));
        }
      }
      if (h.isAlias()) {
        List<String> ev = new ArrayList<>();
        (h.a().aliases().isEmpty() ? h.aaaa() : h.a()).aliases().forEach(r -> ev.add(Evidence.record(r)));
        out.add(f.make(TARGET_CNAME, Severity.WARN, host, ev, host));
      }
      if (!h.addresses().isEmpty()) {
        resolvable++;
        ok.addAll(addressLines(h));
      } else if (h.a().outcome().answered() && h.aaaa().outcome().answered()) {
        unresolvable.add(h);
      }
    }
    for (MailHosts.MailHost h : unresolvable) {
      String host = DnsNames.display(h.name());
      List<String> ev = new ArrayList<>(Evidence.answer(h.a()));
      ev.addAll(Evidence.answer(h.aaaa()));
      out.add(f.make(TARGET_UNRESOLVABLE, resolvable > 0 ? Severity.WARN : Severity.FAIL, host, ev, host));
    }
    if (resolvable > 0) {
      out.add(0, f.make(OK, Severity.PASS, domain, ok, domain, resolvable));
    }
    if (hosts.mx().records(MXRecord.class).stream().anyMatch(r -> r.getTarget().equals(Name.root))) {
      // RFC 7505 §3: a null MX must be the only MX record; mixed in, it says "no mail" and "mail" at once.
      out.add(f.make(NULL_MIXED, Severity.WARN, domain, Evidence.answer(hosts.mx()), domain));
    }
    return out;
  }

  private static List<String> addressLines(MailHosts.MailHost h) {
    List<String> lines = new ArrayList<>();
    h.a().records().forEach(r -> lines.add(Evidence.record(r)));
    h.aaaa().records().forEach(r -> lines.add(Evidence.record(r)));
    return lines;
  }

  private static String join(List<InetAddress> addresses) {
    return String.join(", ", addresses.stream().map(Addresses::text).toList());
  }
}
