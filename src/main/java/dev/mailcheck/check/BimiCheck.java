package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.http.HttpFetchException;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.transport.BimiRecord;
import dev.mailcheck.transport.RecordSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * BIMI (draft-brand-indicators-for-message-identification): the {@code default._bimi.<domain>}
 * TXT record and, when it names a logo, that the logo answers over HTTPS as SVG. Mailbox providers
 * show the logo only for mail that passes DMARC under an enforcing policy (p=quarantine or
 * p=reject); this check does not read the DMARC record, its texts say so.
 */
public final class BimiCheck implements Check {
  private static final FindingKind OK = FindingKind.of("bimi.ok");
  private static final FindingKind OK_NO_EVIDENCE = OK.variant("no-evidence");
  private static final FindingKind OK_UNVERIFIED = OK.variant("unverified");
  private static final FindingKind MISSING = FindingKind.of("bimi.missing");
  private static final FindingKind MISSING_DECLINED = MISSING.variant("declined");
  private static final FindingKind INVALID = FindingKind.of("bimi.invalid");
  private static final FindingKind INVALID_MULTIPLE = INVALID.variant("multiple");
  private static final FindingKind LOGO = FindingKind.of("bimi.logo-unreachable");
  private static final FindingKind LOGO_TLS = LOGO.variant("tls");
  private static final FindingKind LOGO_STATUS = LOGO.variant("status");
  private static final FindingKind LOGO_NOT_SVG = LOGO.variant("not-svg");

  /** The BIMI group's SVG guidance keeps logos small; a megabyte is far past any real one. */
  static final long MAX_LOGO_BYTES = 1 << 20;

  @Override
  public String name() {
    return "bimi";
  }

  @Override
  public Area area() {
    // A logo shows only for mail that passes DMARC under an enforcing policy: read it next to DMARC.
    return Area.DMARC;
  }

  @Override
  public Set<Probe> optionalProbes() {
    // --skip http leaves the logo unfetched, not the whole check.
    return Set.of(Probe.HTTP);
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    String owner = "default._bimi." + domain;
    return ctx.dns().query(owner, Type.TXT).thenCompose(answer -> {
      if (!answer.outcome().answered()) {
        return done(ctx.dnsFailure(name(), answer));
      }
      FindingFactory f = ctx.findings();
      String example = "v=BIMI1; l=https://" + domain + "/bimi/logo.svg; a=";
      List<String> candidates = TxtRecords.texts(answer).stream().filter(BimiRecord::candidate).toList();
      if (candidates.isEmpty()) {
        return done(f.make(MISSING, Severity.INFO, domain, Evidence.answer(answer), domain, owner, example));
      }
      if (candidates.size() > 1) {
        return done(f.make(INVALID_MULTIPLE, Severity.WARN, domain, Evidence.answer(answer), domain, candidates.size(), owner));
      }
      BimiRecord r;
      try {
        r = BimiRecord.parse(candidates.get(0));
      } catch (RecordSyntaxException e) {
        return done(f.make(INVALID, Severity.WARN, domain, Evidence.answer(answer), domain, e.reason(), owner, example));
      }
      if (r.declined() || r.logo() == null) {
        return done(f.make(MISSING_DECLINED, Severity.INFO, domain, Evidence.answer(answer), domain, owner));
      }
      String logo = r.logo().toString();
      if (ctx.options().skips(Probe.HTTP.id())) {
        return done(f.make(OK_UNVERIFIED, Severity.INFO, domain, Evidence.answer(answer), domain, logo));
      }
      return HttpsProbe.get(ctx, logo, MAX_LOGO_BYTES).thenApply(got -> List.of(logoFinding(ctx, answer, r, got)));
    });
  }

  private Finding logoFinding(CheckContext ctx, DnsAnswer answer, BimiRecord r, HttpsProbe.Outcome got) {
    FindingFactory f = ctx.findings();
    String domain = ctx.target().name();
    String logo = r.logo().toString();
    List<String> ev = new ArrayList<>(Evidence.answer(answer));
    if (got.failure() != null) {
      ev.add(logo + ": " + got.failure().getMessage());
      if (got.failure().kind() == HttpFetchException.Kind.TLS) {
        return f.make(LOGO_TLS, Severity.WARN, domain, ev, domain, logo, r.logo().getHost());
      }
      return f.make(LOGO, Severity.WARN, domain, ev, domain, logo, got.why());
    }
    int status = got.result().status();
    ev.add("GET " + logo + " -> " + status + (got.mediaType().isEmpty() ? "" : " " + got.mediaType()));
    if (status != 200) {
      return f.make(LOGO_STATUS, Severity.WARN, domain, ev, domain, logo, status);
    }
    String head = got.result().text().stripLeading();
    boolean svg = got.mediaType().equals("image/svg+xml") && (head.startsWith("<svg") || head.startsWith("<?xml") || head.startsWith("<!--"));
    if (!svg) {
      return f.make(LOGO_NOT_SVG, Severity.WARN, domain, ev, domain, logo, got.mediaType().isEmpty() ? "-" : got.mediaType());
    }
    if (r.evidence() == null) {
      return f.make(OK_NO_EVIDENCE, Severity.INFO, domain, ev, domain, logo);
    }
    return f.make(OK, Severity.PASS, domain, ev, domain, logo, r.evidence().toString());
  }

  private static CompletableFuture<List<Finding>> done(Finding f) {
    return CompletableFuture.completedFuture(List.of(f));
  }
}
