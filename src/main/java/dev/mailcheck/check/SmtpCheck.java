package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import dev.mailcheck.smtp.SmtpSession;
import dev.mailcheck.smtp.TlsResult;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Talks SMTP to each mail host (or to an IP target) the way a sender would, up to and including
 * STARTTLS and never further (no MAIL, RCPT or DATA): {@code smtp.ok}, {@code smtp.unreachable},
 * {@code smtp.no-starttls} (RFC 3207), {@code smtp.cert-invalid} (RFC 6125 names, the chain, the
 * dates), {@code smtp.banner-mismatch} (RFC 5321 §4.3.1 greeting, §4.1.1.1 EHLO reply),
 * {@code smtp.not-probed} (a special-use address, refused like the HTTP client refuses it).
 */
public final class SmtpCheck implements Check {
  private static final FindingKind OK = FindingKind.of("smtp.ok");
  private static final FindingKind UNREACHABLE = FindingKind.of("smtp.unreachable");
  private static final FindingKind UNREACHABLE_REJECTED = UNREACHABLE.variant("rejected");
  private static final FindingKind NO_STARTTLS = FindingKind.of("smtp.no-starttls");
  private static final FindingKind NO_STARTTLS_REFUSED = NO_STARTTLS.variant("refused");
  private static final FindingKind CERT_EXPIRED = FindingKind.of("smtp.cert-invalid").variant("expired");
  private static final FindingKind CERT_NOT_YET_VALID = FindingKind.of("smtp.cert-invalid").variant("not-yet-valid");
  private static final FindingKind CERT_SELF_SIGNED = FindingKind.of("smtp.cert-invalid").variant("self-signed");
  private static final FindingKind CERT_UNTRUSTED = FindingKind.of("smtp.cert-invalid").variant("untrusted");
  private static final FindingKind CERT_NAME_MISMATCH = FindingKind.of("smtp.cert-invalid").variant("name-mismatch");
  private static final FindingKind CERT_HANDSHAKE = FindingKind.of("smtp.cert-invalid").variant("handshake");
  private static final FindingKind BANNER_MISMATCH = FindingKind.of("smtp.banner-mismatch");
  private static final FindingKind NOT_PROBED = FindingKind.of("smtp.not-probed");

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public Area area() {
    return Area.TRANSPORT;
  }

  @Override
  public Set<Probe> probes() {
    return Set.of(Probe.DNS, Probe.SMTP);
  }

  @Override
  public boolean appliesTo(CheckContext ctx) {
    return ctx.smtp() != null;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.get(SmtpProbes.KEY).thenApply(all -> {
      boolean someAnswered = all.stream().anyMatch(p -> p.session().connected());
      List<Finding> out = new ArrayList<>();
      for (SmtpProbes.Probed p : all) {
        out.addAll(findings(ctx, p, someAnswered));
      }
      return out;
    });
  }

  private List<Finding> findings(CheckContext ctx, SmtpProbes.Probed p, boolean someAnswered) {
    FindingFactory f = ctx.findings();
    SmtpSession s = p.session();
    String host = p.host();
    String address = Addresses.text(p.address());
    String subject = p.mx() ? host : address;
    List<Finding> out = new ArrayList<>();
    if (!s.connected()) {
      SmtpSession.Failure why = s.failure();
      List<Object> evidence = new ArrayList<>(s.transcript());
      evidence.add(Text.of("smtp.evidence.failure", address, s.port(), why.detail()));
      switch (why.kind()) {
        case SPECIAL_USE -> out.add(f.make(NOT_PROBED, Severity.INFO, subject, List.of(), host, address, why.detail()));
        case REJECTED -> out.add(f.make(UNREACHABLE_REJECTED, someAnswered ? Severity.WARN : Severity.ERROR, subject, evidence,
            host, address, s.port(), why.detail()));
        default -> out.add(f.make(UNREACHABLE, someAnswered ? Severity.WARN : Severity.ERROR, subject, evidence,
            host, address, s.port(), reason(why)));
      }
      return out;
    }
    List<Object> transcript = new ArrayList<>(s.transcript());
    Finding banner = banner(ctx, p, subject, transcript);
    if (!s.starttlsOffered()) {
      out.add(f.make(NO_STARTTLS, Severity.WARN, subject, transcript, host, address));
    } else if (s.tls() == null) {
      out.add(f.make(NO_STARTTLS_REFUSED, Severity.WARN, subject, transcript, host, address,
          s.starttlsReply() == null ? "-" : s.starttlsReply()));
    } else if (!s.tls().handshakeOk()) {
      out.add(f.make(CERT_HANDSHAKE, Severity.WARN, subject, transcript, host, s.tls().handshakeError()));
    } else {
      out.addAll(certificate(ctx, p, subject, transcript));
    }
    if (banner != null) {
      out.add(banner);
    }
    return out;
  }

  private List<Finding> certificate(CheckContext ctx, SmtpProbes.Probed p, String subject, List<Object> transcript) {
    FindingFactory f = ctx.findings();
    TlsResult tls = p.session().tls();
    X509Certificate leaf = tls.leaf();
    List<Object> evidence = new ArrayList<>(transcript);
    evidence.addAll(describe(tls));
    String host = p.host();
    String address = Addresses.text(p.address());
    String until = leaf == null ? "-" : DAY.format(leaf.getNotAfter().toInstant());
    String from = leaf == null ? "-" : DAY.format(leaf.getNotBefore().toInstant());
    String names = leaf == null ? "-" : String.join(", ", certNames(leaf));
    String issuer = leaf == null ? "-" : leaf.getIssuerX500Principal().getName();
    List<Finding> out = new ArrayList<>();
    for (TlsResult.CertProblem problem : tls.problems()) {
      out.add(switch (problem) {
        case EXPIRED -> f.make(CERT_EXPIRED, Severity.WARN, subject, evidence, host, until);
        case NOT_YET_VALID -> f.make(CERT_NOT_YET_VALID, Severity.WARN, subject, evidence, host, from);
        case SELF_SIGNED -> f.make(CERT_SELF_SIGNED, Severity.WARN, subject, evidence, host);
        case UNTRUSTED -> f.make(CERT_UNTRUSTED, Severity.WARN, subject, evidence, host, issuer,
            tls.trustDetail() == null ? "-" : tls.trustDetail());
        case NAME_MISMATCH -> f.make(CERT_NAME_MISMATCH, Severity.WARN, subject, evidence, host, names);
      });
    }
    if (out.isEmpty()) {
      out.add(f.make(OK, Severity.PASS, subject, evidence, host, address, tls.protocol(), until));
    }
    return out;
  }

  /**
   * {@code smtp.banner-mismatch} when neither the greeting's name nor the EHLO reply's is the host
   * name mail is sent to or a PTR name of the address; null when one of them is, or when the server
   * gives no name at all (some hide it on purpose).
   */
  private Finding banner(CheckContext ctx, SmtpProbes.Probed p, String subject, List<Object> transcript) {
    SmtpSession s = p.session();
    List<String> announced = new ArrayList<>();
    for (String n : new String[] {s.greetingName(), s.ehloName()}) {
      if (n != null && n.indexOf('.') > 0 && !announced.contains(n)) {
        announced.add(n);
      }
    }
    if (announced.isEmpty()) {
      return null;
    }
    Set<String> expected = new LinkedHashSet<>();
    if (p.mx()) {
      expected.add(p.host());
    }
    expected.addAll(p.ptrNames());
    if (expected.isEmpty()) {
      return null; // an IP without a PTR name: nothing to compare with, and ptr.missing says so
    }
    for (String a : announced) {
      for (String e : expected) {
        if (SmtpProbes.sameName(a, e)) {
          return null;
        }
      }
    }
    String ptr = p.ptrNames().isEmpty() ? "-" : String.join(", ", p.ptrNames());
    String suggested = p.mx() ? p.host() : p.ptrNames().get(0);
    List<Object> evidence = new ArrayList<>(transcript.subList(0, Math.min(transcript.size(), 8)));
    evidence.addAll(dev.mailcheck.check.Evidence.answer(p.ptr()));
    return ctx.findings().make(BANNER_MISMATCH, Severity.INFO, subject, evidence, p.host(), String.join(", ", announced), ptr, suggested);
  }

  private static List<Object> describe(TlsResult tls) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < tls.chain().size(); i++) {
      X509Certificate c = tls.chain().get(i);
      out.add(Text.of("smtp.evidence.certificate", i, c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
          String.join(", ", certNames(c)), DAY.format(c.getNotBefore().toInstant()), DAY.format(c.getNotAfter().toInstant())));
    }
    return out;
  }

  private static List<String> certNames(X509Certificate c) {
    List<String> names = dev.mailcheck.smtp.CertificateNames.of(c);
    return names.isEmpty() ? List.of("-") : names;
  }

  private static Text reason(SmtpSession.Failure why) {
    return switch (why.kind()) {
      case REFUSED -> Text.of("smtp.reason.refused");
      case NO_ROUTE -> Text.of("smtp.reason.no-route", why.detail());
      case TIMEOUT -> switch (why.stage()) {
        case CONNECT -> Text.of("smtp.reason.connect-timeout");
        case GREETING -> Text.of("smtp.reason.greeting-timeout");
        case EHLO -> Text.of("smtp.reason.ehlo-timeout");
      };
      case CLOSED -> Text.of("smtp.reason.closed", why.detail());
      case PROTOCOL -> Text.of("smtp.reason.protocol", why.detail());
      default -> Text.of("smtp.reason.closed", why.detail());
    };
  }
}
