package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.dns.DnsOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Finds the mail hosts of a domain and their addresses. The domain's own A/AAAA are asked together
 * with its MX, so the implicit-MX fallback (RFC 5321 §5.1) costs no extra round trip.
 */
final class MailHostsLookup {
  /** More MX hosts than this are not looked at (receivers stop well before). */
  static final int MAX_HOSTS = 10;

  private MailHostsLookup() {}

  static CompletableFuture<MailHosts> lookup(CheckContext ctx) {
    DnsClient dns = ctx.dns();
    Name domain = DnsNames.absolute(ctx.target().name());
    CompletableFuture<DnsAnswer> mx = dns.query(domain, Type.MX);
    CompletableFuture<DnsAnswer> a = dns.query(domain, Type.A);
    CompletableFuture<DnsAnswer> aaaa = dns.query(domain, Type.AAAA);
    return mx.thenCompose(mxAnswer -> {
      if (!mxAnswer.outcome().answered()) {
        return done(new MailHosts(mxAnswer, MailHosts.Kind.UNKNOWN, List.of()));
      }
      if (mxAnswer.outcome() == DnsOutcome.NXDOMAIN) {
        return done(new MailHosts(mxAnswer, MailHosts.Kind.NONE, List.of()));
      }
      List<MXRecord> records = new ArrayList<>(mxAnswer.records(MXRecord.class));
      if (records.isEmpty()) {
        return a.thenCombine(aaaa, (four, six) -> implicit(mxAnswer, domain, four, six));
      }
      records.sort(Comparator.comparingInt(MXRecord::getPriority));
      // One entry per host (the most preferred), and no "." target: a null MX among other MX
      // records is reported by the MX check, not looked up as a host (RFC 7505 §3).
      List<MXRecord> distinct = new ArrayList<>();
      for (MXRecord r : records) {
        if (!r.getTarget().equals(Name.root) && distinct.stream().noneMatch(d -> d.getTarget().equals(r.getTarget()))) {
          distinct.add(r);
        }
      }
      if (distinct.isEmpty()) {
        return done(new MailHosts(mxAnswer, MailHosts.Kind.NULL_MX, List.of()));
      }
      List<CompletableFuture<MailHosts.MailHost>> hosts = new ArrayList<>();
      for (MXRecord r : distinct.subList(0, Math.min(MAX_HOSTS, distinct.size()))) {
        hosts.add(host(dns, r));
      }
      return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
          .thenApply(v -> new MailHosts(mxAnswer, MailHosts.Kind.MX, hosts.stream().map(CompletableFuture::join).toList()));
    });
  }

  private static MailHosts implicit(DnsAnswer mx, Name domain, DnsAnswer four, DnsAnswer six) {
    MailHosts.MailHost self = new MailHosts.MailHost(domain, 0, four, six, false);
    if (!self.addresses().isEmpty()) {
      return new MailHosts(mx, MailHosts.Kind.IMPLICIT, List.of(self));
    }
    if (!four.outcome().answered() || !six.outcome().answered()) {
      return new MailHosts(mx, MailHosts.Kind.UNKNOWN, List.of(self));
    }
    return new MailHosts(mx, MailHosts.Kind.NONE, List.of());
  }

  private static CompletableFuture<MailHosts.MailHost> host(DnsClient dns, MXRecord r) {
    Name target = r.getTarget();
    if (isIpLiteral(target)) {
      return done(new MailHosts.MailHost(target, r.getPriority(), null, null, true));
    }
    CompletableFuture<DnsAnswer> a = dns.query(target, Type.A);
    CompletableFuture<DnsAnswer> aaaa = dns.query(target, Type.AAAA);
    return a.thenCombine(aaaa, (four, six) -> new MailHosts.MailHost(target, r.getPriority(), four, six, false));
  }

  /** {@code 192.0.2.1.} or a bracketed literal written as a name. */
  static boolean isIpLiteral(Name n) {
    String s = n.toString(true);
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.startsWith("[") || s.indexOf(':') >= 0;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
