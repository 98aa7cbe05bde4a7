package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import dev.mailcheck.target.MailNames;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * The HELO/EHLO name a sender announces ({@code --helo}): RFC 5321 §4.1.4 requires a name that
 * resolves to an address, or an address literal (§4.1.3) when the host has none. Findings
 * {@code helo.ok}, {@code helo.unresolvable}, {@code helo.mismatch} (the name does not lead to the
 * sending IP, the IP's PTR is another name, the server's own banner says another name, or a
 * literal names another address). The PTR questions are the PTR check's, through the run's cache.
 */
public final class HeloCheck implements Check {
  private static final FindingKind OK = FindingKind.of("helo.ok");
  private static final FindingKind OK_LITERAL = OK.variant("literal");
  private static final FindingKind OK_NO_IP = OK.variant("no-ip");
  private static final FindingKind UNRESOLVABLE = FindingKind.of("helo.unresolvable");
  /** A name no public DNS can hold (RFC 6761 §6.3 localhost, RFC 6762 .local, a single label): only renaming helps. */
  private static final FindingKind UNRESOLVABLE_LOCAL = UNRESOLVABLE.variant("local");
  private static final java.util.regex.Pattern LOCAL_NAME =
      java.util.regex.Pattern.compile("(?i)(.*\\.)?(localhost|localdomain|local|lan|internal|home\\.arpa)\\.?|[^.]+\\.?");
  private static final FindingKind MISMATCH_ADDRESS = FindingKind.of("helo.mismatch").variant("address");
  private static final FindingKind MISMATCH_PTR = FindingKind.of("helo.mismatch").variant("ptr");
  private static final FindingKind MISMATCH_BANNER = FindingKind.of("helo.mismatch").variant("banner");
  private static final FindingKind MISMATCH_LITERAL = FindingKind.of("helo.mismatch").variant("literal");
  private static final FindingKind MISMATCH_BARE_IP = FindingKind.of("helo.mismatch").variant("bare-ip");

  @Override
  public String name() {
    return "helo";
  }

  @Override
  public Area area() {
    return Area.SENDING_IPS;
  }

  @Override
  public boolean appliesTo(CheckContext ctx) {
    return ctx.options().helo() != null;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String helo = ctx.options().helo();
    InetAddress literal = MailNames.heloLiteral(helo);
    if (literal != null) {
      return ctx.sendingIps().thenApply(ips -> literal(ctx, helo, literal, ips));
    }
    String name = helo.endsWith(".") ? helo.substring(0, helo.length() - 1) : helo;
    if (Address.isDottedQuad(name)) {
      return CompletableFuture.completedFuture(List.of(ctx.findings().make(MISMATCH_BARE_IP, Severity.FAIL, helo, List.of(), name)));
    }
    Name absolute = DnsNames.absolute(name);
    // Independent questions together: the name's addresses, and (through the shared results) the senders.
    CompletableFuture<DnsAnswer> a = ctx.dns().query(absolute, Type.A);
    CompletableFuture<DnsAnswer> aaaa = ctx.dns().query(absolute, Type.AAAA);
    CompletableFuture<SendingIps> senders = ctx.sendingIps();
    CompletableFuture<List<SmtpProbes.Probed>> sessions = ctx.maySpeakSmtp()
        ? ctx.get(SmtpProbes.KEY) : CompletableFuture.completedFuture(List.of());
    return CompletableFuture.allOf(a, aaaa, senders).thenCompose(v -> {
      DnsAnswer four = a.join();
      DnsAnswer six = aaaa.join();
      List<InetAddress> own = new ArrayList<>();
      four.records(ARecord.class).forEach(r -> own.add(r.getAddress()));
      six.records(AAAARecord.class).forEach(r -> own.add(r.getAddress()));
      if (own.isEmpty()) {
        DnsAnswer failed = !four.outcome().answered() ? four : !six.outcome().answered() ? six : null;
        if (failed != null) {
          return done(List.of(ctx.dnsFailure(name(), failed)));
        }
        List<String> evidence = new ArrayList<>(Evidence.answer(four));
        evidence.addAll(Evidence.answer(six));
        SendingIps ips = senders.join();
        // A name that can never be published (localhost.localdomain, a bare host name) gets "rename", not "add an A record".
        FindingKind kind = LOCAL_NAME.matcher(helo).matches() ? UNRESOLVABLE_LOCAL : UNRESOLVABLE;
        if (ips.addresses().isEmpty()) {
          return done(List.of(ctx.findings().make(kind, Severity.FAIL, helo, evidence, name, Text.of("helo.your-ip"),
              Text.of("helo.its-ptr-name"))));
        }
        // The sender's own PTR name is the name to announce when it exists: offer the one the run finds.
        InetAddress sender = ips.addresses().get(0);
        return ptr(ctx, sender).thenApply(ptr -> {
          List<String> names = names(ptr);
          Object suggestion = names.isEmpty() ? Text.of("helo.its-ptr-name") : names.get(0);
          return List.of(ctx.findings().make(kind, Severity.FAIL, helo, evidence, name, Addresses.text(sender), suggestion));
        });
      }
      return compare(ctx, name, helo, four, six, own, senders.join(), sessions);
    });
  }

  private CompletableFuture<List<Finding>> compare(CheckContext ctx, String name, String subject, DnsAnswer four, DnsAnswer six,
      List<InetAddress> own, SendingIps ips, CompletableFuture<List<SmtpProbes.Probed>> sessions) {
    FindingFactory f = ctx.findings();
    List<String> evidence = new ArrayList<>(Evidence.answer(four));
    evidence.addAll(Evidence.answer(six));
    if (ips.addresses().isEmpty()) {
      return done(List.of(f.make(OK_NO_IP, Severity.INFO, subject, evidence, name, join(own))));
    }
    List<InetAddress> matched = ips.addresses().stream().filter(own::contains).toList();
    if (matched.isEmpty()) {
      // Offer the PTR name of the (first) sender as the HELO name to use: it is what receivers compare with.
      InetAddress sender = ips.addresses().get(0);
      return ptr(ctx, sender).thenApply(ptr -> {
        List<String> ev = new ArrayList<>(evidence);
        ev.addAll(Evidence.answer(ptr));
        List<String> names = names(ptr);
        Object suggestion = names.isEmpty() ? Text.of("helo.no-ptr-name", Addresses.text(sender)) : names.get(0);
        return List.of(f.make(MISMATCH_ADDRESS, Severity.WARN, subject, ev, name, join(own), join(ips.addresses()),
            Addresses.text(sender), suggestion));
      });
    }
    Map<InetAddress, CompletableFuture<DnsAnswer>> ptrs = new java.util.LinkedHashMap<>();
    matched.forEach(ip -> ptrs.put(ip, ptr(ctx, ip)));
    return CompletableFuture.allOf(ptrs.values().toArray(CompletableFuture[]::new)).thenCompose(v -> sessions.thenApply(probed -> {
      List<Finding> out = new ArrayList<>();
      List<String> ev = new ArrayList<>(evidence);
      InetAddress confirmed = null;
      DnsAnswer failed = null;
      for (Map.Entry<InetAddress, CompletableFuture<DnsAnswer>> e : ptrs.entrySet()) {
        DnsAnswer ptr = e.getValue().join();
        ev.addAll(Evidence.answer(ptr));
        if (!ptr.outcome().answered()) {
          failed = ptr;
        } else if (confirmed == null && names(ptr).stream().anyMatch(n -> SmtpProbes.sameName(n, name))) {
          confirmed = e.getKey();
        }
      }
      if (confirmed != null) {
        out.add(f.make(OK, Severity.PASS, subject, ev, name, Addresses.text(confirmed)));
      } else if (failed != null) {
        out.add(ctx.dnsFailure(name(), failed));
      } else {
        InetAddress ip = matched.get(0);
        List<String> names = names(ptrs.get(ip).join());
        Object ptrText = names.isEmpty() ? Text.of("helo.no-ptr") : String.join(", ", names);
        out.add(f.make(MISMATCH_PTR, Severity.WARN, subject, ev, name, Addresses.text(ip), ptrText));
      }
      banner(ctx, name, subject, matched, probed).ifPresent(out::add);
      return out;
    }));
  }

  /** {@code helo.mismatch} (banner) when the probe talked to a sending IP whose server announces another name. */
  private java.util.Optional<Finding> banner(CheckContext ctx, String name, String subject, List<InetAddress> senders,
      List<SmtpProbes.Probed> probed) {
    for (SmtpProbes.Probed p : probed) {
      if (!p.session().connected() || !senders.contains(p.address())) {
        continue;
      }
      List<String> announced = new ArrayList<>();
      for (String n : new String[] {p.session().greetingName(), p.session().ehloName()}) {
        if (n != null && !announced.contains(n)) {
          announced.add(n);
        }
      }
      if (announced.isEmpty() || announced.stream().anyMatch(n -> SmtpProbes.sameName(n, name))) {
        continue;
      }
      List<String> evidence = p.session().transcript().stream().limit(8).toList();
      return java.util.Optional.of(ctx.findings().make(MISMATCH_BANNER, Severity.INFO, subject, evidence, name,
          Addresses.text(p.address()), String.join(", ", announced)));
    }
    return java.util.Optional.empty();
  }

  private List<Finding> literal(CheckContext ctx, String helo, InetAddress literal, SendingIps ips) {
    FindingFactory f = ctx.findings();
    String address = Addresses.text(literal);
    if (ips.addresses().isEmpty()) {
      return List.of(f.make(OK_NO_IP, Severity.INFO, helo, List.of(), helo, address));
    }
    if (ips.addresses().contains(literal)) {
      return List.of(f.make(OK_LITERAL, Severity.INFO, helo, List.of(), helo, address));
    }
    return List.of(f.make(MISMATCH_LITERAL, Severity.WARN, helo, List.of(), helo, address, join(ips.addresses()),
        literalOf(ips.addresses().get(0))));
  }

  private static String literalOf(InetAddress ip) {
    return ip instanceof java.net.Inet6Address ? "[IPv6:" + Addresses.text(ip) + "]" : "[" + Addresses.text(ip) + "]";
  }

  private static CompletableFuture<DnsAnswer> ptr(CheckContext ctx, InetAddress ip) {
    return ctx.dns().query(DnsNames.reverse(ip), Type.PTR);
  }

  private static List<String> names(DnsAnswer ptr) {
    return ptr.records(PTRRecord.class).stream().map(r -> DnsNames.display(r.getTarget())).toList();
  }

  private static String join(List<InetAddress> addresses) {
    return String.join(", ", addresses.stream().map(Addresses::text).toList());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
