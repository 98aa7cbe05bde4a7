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
  /** The run found the natural PTR name: a mail host of the domain that already resolves to the IP. */
  private static final FindingKind MISSING_NAMED = MISSING.variant("named");
  private static final FindingKind MISMATCH = FindingKind.of("ptr.mismatch");
  private static final FindingKind MISMATCH_NAMED = MISMATCH.variant("named");
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
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.sendingIps().thenCompose(ips -> {
      if (ips.assumed() && ips.addresses().isEmpty()) {
        // No sender could be derived because the mail-host lookup failed: say so, never "nothing to check".
        return ctx.mailHosts().thenApply(hosts -> hosts.failures().stream().map(a -> ctx.dnsFailure(name(), a)).toList());
      }
      // The domain's mail hosts name the natural PTR target of each address; asked alongside the PTRs.
      CompletableFuture<MailHosts> hosts = ctx.target().isIp() ? CompletableFuture.completedFuture(null)
          : ctx.mailHosts().exceptionally(e -> null);
      List<CompletableFuture<List<Finding>>> each = ips.addresses().stream()
          .map(ip -> ctx.beforeDeadline(name(), Addresses.text(ip), check(ctx, ip, hosts))).toList();
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().flatMap(f -> f.join().stream()).toList());
    });
  }

  private CompletableFuture<List<Finding>> check(CheckContext ctx, InetAddress ip, CompletableFuture<MailHosts> hosts) {
    DnsClient dns = ctx.dns();
    int forwardType = ip instanceof Inet4Address ? Type.A : Type.AAAA;
    return dns.query(DnsNames.reverse(ip), Type.PTR).thenCombine(hosts, (ptr, mail) -> new Object[] {ptr, naturalName(mail, ip)})
        .thenCompose(both -> {
      DnsAnswer ptr = (DnsAnswer) both[0];
      String natural = (String) both[1];
      if (!ptr.outcome().answered()) {
        return CompletableFuture.completedFuture(List.of(ctx.dnsFailure(name(), ptr)));
      }
      List<Name> names = ptr.records(PTRRecord.class).stream().map(PTRRecord::getTarget).limit(MAX_NAMES).toList();
      if (names.isEmpty()) {
        String subject = Addresses.text(ip);
        List<Finding> missing = List.of(natural == null
            ? ctx.findings().make(MISSING, Severity.FAIL, subject, Evidence.answer(ptr), subject)
            : ctx.findings().make(MISSING_NAMED, Severity.FAIL, subject, Evidence.answer(ptr), subject, natural));
        return withRoute(ctx, ip, missing, natural);
      }
      List<CompletableFuture<DnsAnswer>> forward = names.stream().map(n -> dns.query(n, forwardType)).toList();
      return CompletableFuture.allOf(forward.toArray(CompletableFuture[]::new))
          .thenApply(v -> confirm(ctx, ip, ptr, forward.stream().map(CompletableFuture::join).toList(), natural))
          .thenCompose(found -> withRoute(ctx, ip, found, natural));
    });
  }

  /**
   * The name an operator would give the IP's PTR: the most preferred mail host of the domain that
   * already resolves to it (so the PTR is confirmed at once, RFC 8601 §3), or null when the run found none.
   */
  static String naturalName(MailHosts mail, InetAddress ip) {
    if (mail == null) {
      return null;
    }
    return mail.hosts().stream()
        .filter(h -> !h.ipLiteral() && !h.isAlias() && h.addresses().contains(ip))
        .map(h -> DnsNames.display(h.name())).findFirst().orElse(null);
  }

  private List<Finding> confirm(CheckContext ctx, InetAddress ip, DnsAnswer ptr, List<DnsAnswer> forward, String natural) {
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
        String named = DnsNames.display(forward.get(0).name());
        out.add(natural == null
            ? f.make(MISMATCH, Severity.FAIL, subject, evidence, subject, named)
            : f.make(MISMATCH_NAMED, Severity.FAIL, subject, evidence, subject, named, natural));
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
   * worded with the holder's route ({@code owner} variant); otherwise it stands as it is. The owner
   * variant keeps the arguments of {@code named} in their places (the host to ask for is {1} of
   * {@code ptr.missing}, {2} of {@code ptr.mismatch}: the mail host the run found, else the route's
   * choice) and adds the holder and the route's steps after them.
   */
  private static CompletableFuture<List<Finding>> withRoute(CheckContext ctx, InetAddress ip, List<Finding> found, String natural) {
    if (found.stream().noneMatch(PtrCheck::needsHolder)) {
      return CompletableFuture.completedFuture(found);
    }
    return IpOwners.routeWithin(ctx, ip, natural).thenApply(route -> route == null ? found
        : found.stream().map(x -> needsHolder(x) ? routed(ctx, x, route) : x).toList());
  }

  private static boolean needsHolder(Finding x) {
    return (x.variant() == null || x.variant().equals(MISSING_NAMED.variant()))
        && (x.id().equals(MISSING.id()) || x.id().equals(MISMATCH.id()));
  }

  private static Finding routed(CheckContext ctx, Finding x, IpOwners.Route route) {
    boolean missing = x.id().equals(MISSING.id());
    // ptr.missing: {0} the IP; ptr.mismatch: {0} the IP, {1} the PTR name. Then the host, as in `named`.
    List<Object> args = new ArrayList<>(x.args().subList(0, missing ? 1 : 2));
    args.add(route.host());
    args.add(route.holder());
    args.add(route.steps());
    return ctx.findings().make(missing ? MISSING_OWNER : MISMATCH_OWNER, x.severity(), x.subject(), x.evidence(), args.toArray());
  }

  private static boolean resolvesTo(DnsAnswer a, InetAddress ip) {
    return a.records().stream().anyMatch(r ->
        (r instanceof ARecord four && four.getAddress().equals(ip)) || (r instanceof AAAARecord six && six.getAddress().equals(ip)));
  }
}
