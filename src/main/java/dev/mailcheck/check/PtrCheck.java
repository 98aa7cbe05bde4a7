package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Text;
import dev.mailcheck.ptr.GenericNameDetector;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * Reverse DNS of each sending IP and its forward confirmation (FCrDNS): the PTR name must resolve
 * back to the same address (RFC 8601 §3's "iprev", RFC 1912 §2.1). Findings {@code ptr.ok},
 * {@code ptr.missing}, {@code ptr.mismatch}, {@code ptr.generic}.
 */
public final class PtrCheck implements Check {
  /** Names looked at per address; RFC 7208 §4.6.4 uses the same bound for PTR answers. */
  static final int MAX_NAMES = 10;

  private static final FindingKind OK = FindingKind.of("ptr.ok");
  private static final FindingKind MISSING = FindingKind.of("ptr.missing");
  private static final FindingKind MISMATCH = FindingKind.of("ptr.mismatch");
  private static final FindingKind GENERIC = FindingKind.of("ptr.generic");
  private static final FindingKind MISSING_OWNER = MISSING.variant("owner");
  private static final FindingKind MISMATCH_OWNER = MISMATCH.variant("owner");

  private final GenericNameDetector generic = GenericNameDetector.bundled();

  @Override
  public String name() {
    return "ptr";
  }

  @Override
  public Area area() {
    return Area.SENDING_IPS;
  }

  @Override
  public Set<Probe> probes() {
    return Set.of(Probe.DNS);
  }

  @Override
  public String catalog() {
    return "/dev/mailcheck/catalog/ptr.json";
  }

  @Override
  public boolean appliesTo(CheckContext ctx) {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.sendingIps().thenCompose(ips -> {
      if (ips.assumed() && ips.addresses().isEmpty()) {
        // No sender could be derived because the mail-host lookup failed: say so, never "nothing to check".
        return ctx.mailHosts().thenApply(hosts -> hosts.failures().stream().map(a -> ctx.dnsFailure(name(), a)).toList());
      }
      List<CompletableFuture<List<Finding>>> each = ips.addresses().stream()
          .map(ip -> ctx.beforeDeadline(name(), Addresses.text(ip), check(ctx, ip).thenCompose(found -> withRoute(ctx, ip, found))))
          .toList();
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().flatMap(f -> f.join().stream()).toList());
    });
  }

  private CompletableFuture<List<Finding>> check(CheckContext ctx, InetAddress ip) {
    DnsClient dns = ctx.dns();
    int forwardType = ip instanceof Inet4Address ? Type.A : Type.AAAA;
    return dns.query(DnsNames.reverse(ip), Type.PTR).thenCompose(ptr -> {
      if (!ptr.outcome().answered()) {
        return CompletableFuture.completedFuture(List.of(ctx.dnsFailure(name(), ptr)));
      }
      List<Name> names = ptr.records(PTRRecord.class).stream().map(PTRRecord::getTarget).limit(MAX_NAMES).toList();
      if (names.isEmpty()) {
        return CompletableFuture.completedFuture(List.of(
            ctx.findings().make(MISSING, Severity.FAIL, Addresses.text(ip), Evidence.answer(ptr), Addresses.text(ip))));
      }
      List<CompletableFuture<DnsAnswer>> forward = names.stream().map(n -> dns.query(n, forwardType)).toList();
      return CompletableFuture.allOf(forward.toArray(CompletableFuture[]::new))
          .thenApply(v -> confirm(ctx, ip, ptr, forward.stream().map(CompletableFuture::join).toList()));
    });
  }

  private List<Finding> confirm(CheckContext ctx, InetAddress ip, DnsAnswer ptr, List<DnsAnswer> forward) {
    FindingFactory f = ctx.findings();
    String subject = Addresses.text(ip);
    List<String> evidence = new ArrayList<>(Evidence.answer(ptr));
    DnsAnswer confirmedBy = null;
    DnsAnswer failed = null;
    for (DnsAnswer a : forward) {
      evidence.addAll(Evidence.answer(a));
      if (!a.outcome().answered()) {
        failed = a;
      }
      if (confirmedBy == null && resolvesTo(a, ip)) {
        confirmedBy = a;
      }
    }
    List<Finding> out = new ArrayList<>();
    if (confirmedBy == null) {
      if (failed != null) {
        out.add(ctx.dnsFailure(name(), failed));
      } else {
        out.add(f.make(MISMATCH, Severity.FAIL, subject, evidence, subject, DnsNames.display(forward.get(0).name())));
      }
      return out;
    }
    String host = DnsNames.display(confirmedBy.name());
    String why = generic.reason(host, ip);
    out.add(f.make(OK, Severity.PASS, subject, evidence, subject, host));
    if (why != null) {
      // The PTR record that names the host (not a CNAME of a classless delegation, RFC 2317).
      Name confirmedName = confirmedBy.name();
      List<String> named = ptr.records(PTRRecord.class).stream().filter(p -> p.getTarget().equals(confirmedName))
          .map(Evidence::record).limit(1).toList();
      Text reason = why.equals(GenericNameDetector.ADDRESS)
          ? Text.of("ptr.generic.reason.address")
          : Text.of("ptr.generic.reason.keyword", why);
      out.add(f.make(GENERIC, Severity.WARN, subject, named, subject, host, reason));
    }
    return out;
  }

  /**
   * A missing or mismatched PTR, when the run identified the IP's holder in time: the same finding
   * worded with the holder's route ({@code owner} variant); otherwise it stands as it is.
   */
  private static CompletableFuture<List<Finding>> withRoute(CheckContext ctx, InetAddress ip, List<Finding> found) {
    if (found.stream().noneMatch(PtrCheck::needsHolder)) {
      return CompletableFuture.completedFuture(found);
    }
    return IpOwners.routeWithin(ctx, ip).thenApply(route -> route == null ? found
        : found.stream().map(x -> needsHolder(x) ? routed(ctx, x, route) : x).toList());
  }

  private static boolean needsHolder(Finding x) {
    return x.variant() == null && (x.id().equals(MISSING.id()) || x.id().equals(MISMATCH.id()));
  }

  private static Finding routed(CheckContext ctx, Finding x, IpOwners.Route route) {
    List<Object> args = new ArrayList<>(x.args());
    args.add(route.holder());
    args.add(route.steps());
    return ctx.findings().make(x.id().equals(MISSING.id()) ? MISSING_OWNER : MISMATCH_OWNER, x.severity(), x.subject(), x.evidence(),
        args.toArray());
  }

  private static boolean resolvesTo(DnsAnswer a, InetAddress ip) {
    return a.records().stream().anyMatch(r ->
        (r instanceof ARecord four && four.getAddress().equals(ip)) || (r instanceof AAAARecord six && six.getAddress().equals(ip)));
  }
}
