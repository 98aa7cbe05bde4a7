package dev.mailcheck.check;

import dev.mailcheck.dkim.TagSyntaxException;
import dev.mailcheck.dmarc.DmarcRecord;
import dev.mailcheck.dmarc.OrganizationalDomain;
import dev.mailcheck.dmarc.ReportUri;
import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.spf.SpfRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * The domain's DMARC policy (RFC 7489, with the DMARCbis tags {@code np}, {@code t}, {@code psd}):
 * the record at {@code _dmarc.<domain>}, else at {@code _dmarc.<organizational domain>} (§6.6.3,
 * organizational domain from the Public Suffix List, {@link OrganizationalDomain}); both questions
 * go out together. Findings {@code dmarc.ok}, {@code dmarc.missing} (only when neither name has a
 * record; a DNS failure is {@code dns.*}), {@code dmarc.multiple}, {@code dmarc.syntax},
 * {@code dmarc.inherited}, {@code dmarc.policy-none}, {@code dmarc.pct-partial} (also {@code t=y}),
 * {@code dmarc.no-rua}, and {@code dmarc.rua-unauthorized} for a report address in another
 * organizational domain without {@code <domain>._report._dmarc.<host>} (§7.1). {@code dmarc.ok}
 * is given when nothing about the record needs fixing (information may accompany it).
 */
public final class DmarcCheck implements Check {
  private static final FindingKind OK = FindingKind.of("dmarc.ok");
  private static final FindingKind MISSING = FindingKind.of("dmarc.missing");
  private static final FindingKind MULTIPLE = FindingKind.of("dmarc.multiple");
  private static final FindingKind SYNTAX = FindingKind.of("dmarc.syntax");
  private static final FindingKind SYNTAX_IGNORED = SYNTAX.variant("ignored");
  private static final FindingKind SYNTAX_TAG = SYNTAX.variant("tag");
  private static final FindingKind POLICY_NONE = FindingKind.of("dmarc.policy-none");
  private static final FindingKind POLICY_NONE_SUBDOMAINS = POLICY_NONE.variant("subdomains");
  private static final FindingKind PCT_PARTIAL = FindingKind.of("dmarc.pct-partial");
  private static final FindingKind PCT_PARTIAL_TESTING = PCT_PARTIAL.variant("testing");
  private static final FindingKind NO_RUA = FindingKind.of("dmarc.no-rua");
  private static final FindingKind RUA_UNAUTHORIZED = FindingKind.of("dmarc.rua-unauthorized");
  private static final FindingKind INHERITED = FindingKind.of("dmarc.inherited");

  static {
    // Guava builds its Public Suffix List tables on first use: hundreds of milliseconds of CPU on a
    // busy machine. Done here, when the registry is loaded, it cannot hold a virtual-thread carrier
    // during a run (where it delayed DNS answers past their attempt timeout).
    OrganizationalDomain.of("example.com");
  }

  @Override
  public String name() {
    return "dmarc";
  }

  @Override
  public Area area() {
    return Area.DMARC;
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    String org = OrganizationalDomain.of(domain);
    CompletableFuture<DnsAnswer> own = ctx.dns().query("_dmarc." + domain, Type.TXT);
    // Asked at once, not after the first answer: the fallback costs no extra round trip.
    CompletableFuture<DnsAnswer> inherited = org.equals(domain)
        ? CompletableFuture.completedFuture(null)
        : ctx.dns().query("_dmarc." + org, Type.TXT);
    return own.thenCombine(inherited, (a, b) -> new Answers(domain, org, a, b))
        .thenCompose(answers -> decide(ctx, answers));
  }

  private record Answers(String domain, String org, DnsAnswer own, DnsAnswer inherited) {}

  private CompletableFuture<List<Finding>> decide(CheckContext ctx, Answers x) {
    FindingFactory f = ctx.findings();
    if (!x.own().outcome().answered()) {
      return done(List.of(ctx.dnsFailure(name(), x.own())));
    }
    List<String> ownTexts = SpfRecords.texts(x.own());
    List<String> ownDmarc = ownTexts.stream().filter(DmarcRecord::isDmarc).toList();
    List<Finding> out = new ArrayList<>();
    if (ownDmarc.isEmpty()) {
      ignored(ctx, x.domain(), ownTexts, out);
    }
    if (ownDmarc.size() > 1) {
      out.add(f.make(MULTIPLE, Severity.FAIL, x.domain(), lines("_dmarc." + x.domain(), ownDmarc), x.domain(), ownDmarc.size()));
      return done(out);
    }
    if (ownDmarc.size() == 1) {
      return evaluate(ctx, x.domain(), x.domain(), ownDmarc.get(0), false, out);
    }
    if (x.inherited() == null) {
      if (out.isEmpty()) {
        out.add(missing(ctx, x));
      }
      return done(out);
    }
    if (!x.inherited().outcome().answered()) {
      out.add(ctx.dnsFailure(name(), x.inherited()));
      return done(out);
    }
    List<String> orgTexts = SpfRecords.texts(x.inherited());
    List<String> orgDmarc = orgTexts.stream().filter(DmarcRecord::isDmarc).toList();
    if (orgDmarc.size() > 1) {
      out.add(f.make(MULTIPLE, Severity.FAIL, x.org(), lines("_dmarc." + x.org(), orgDmarc), x.org(), orgDmarc.size()));
      return done(out);
    }
    if (orgDmarc.size() == 1) {
      return evaluate(ctx, x.domain(), x.org(), orgDmarc.get(0), true, out);
    }
    ignored(ctx, x.org(), orgTexts, out);
    if (out.isEmpty()) {
      out.add(missing(ctx, x));
    }
    return done(out);
  }

  /** TXT records at {@code _dmarc} that name DMARC1 but do not start with it: receivers discard them (§6.6.3). */
  private void ignored(CheckContext ctx, String at, List<String> texts, List<Finding> out) {
    List<String> meant = texts.stream().filter(DmarcRecord::looksLikeDmarc).toList();
    if (!meant.isEmpty()) {
      out.add(ctx.findings().make(SYNTAX_IGNORED, Severity.FAIL, at, lines("_dmarc." + at, meant), at, suggestion(OrganizationalDomain.of(at))));
    }
  }

  private Finding missing(CheckContext ctx, Answers x) {
    List<String> ev = new ArrayList<>(Evidence.answer(x.own()));
    if (x.inherited() != null) {
      ev.addAll(Evidence.answer(x.inherited()));
    }
    return ctx.findings().make(MISSING, Severity.FAIL, x.domain(), ev, x.domain(), x.org(), suggestion(x.org()));
  }

  /** A record to start with: monitoring only, with aggregate reports to the organizational domain. */
  static String suggestion(String org) {
    return "_dmarc." + org + ". TXT \"v=DMARC1; p=none; rua=mailto:dmarc@" + org + "\"";
  }

  private CompletableFuture<List<Finding>> evaluate(CheckContext ctx, String domain, String policyDomain, String text,
      boolean inherited, List<Finding> out) {
    FindingFactory f = ctx.findings();
    List<String> ev = lines("_dmarc." + policyDomain, List.of(text));
    DmarcRecord r;
    try {
      r = DmarcRecord.parse(text);
    } catch (TagSyntaxException e) {
      out.add(f.make(SYNTAX, Severity.FAIL, policyDomain, ev, policyDomain, e.toText(), suggestion(OrganizationalDomain.of(policyDomain))));
      return done(out);
    }
    if (inherited) {
      out.add(f.make(INHERITED, Severity.INFO, domain, ev, domain, policyDomain, r.subdomainPolicy().tag()));
    }
    if (!r.problems().isEmpty()) {
      List<Object> why = new ArrayList<>(ev);
      r.problems().forEach(p -> why.add(p.reason()));
      out.add(f.make(SYNTAX_TAG, Severity.WARN, policyDomain, why, policyDomain,
          String.join(", ", r.problems().stream().map(p -> p.tag() + "=" + p.value()).toList())));
    }
    // For a subdomain that inherits, receivers apply sp (§6.3), not p.
    DmarcRecord.Policy applied = inherited ? r.subdomainPolicy() : r.policy();
    if (applied == DmarcRecord.Policy.NONE) {
      out.add(f.make(POLICY_NONE, Severity.INFO, domain, ev, domain, policyDomain));
    } else if (!inherited && r.subdomainPolicy() == DmarcRecord.Policy.NONE) {
      out.add(f.make(POLICY_NONE_SUBDOMAINS, Severity.INFO, domain, ev, domain, r.policy().tag()));
    }
    if (applied != DmarcRecord.Policy.NONE && r.pct() < 100) {
      out.add(f.make(PCT_PARTIAL, Severity.INFO, domain, ev, domain, r.pct(), applied.tag()));
    }
    if (applied != DmarcRecord.Policy.NONE && r.testing()) {
      out.add(f.make(PCT_PARTIAL_TESTING, Severity.INFO, domain, ev, domain, applied.tag()));
    }
    if (r.rua().isEmpty()) {
      out.add(f.make(NO_RUA, Severity.WARN, policyDomain, ev, policyDomain, text));
    }
    return authorizations(ctx, policyDomain, r).thenApply(auth -> {
      out.addAll(auth);
      boolean clean = out.stream().noneMatch(x -> x.severity() == Severity.WARN || x.severity() == Severity.FAIL || x.severity() == Severity.ERROR);
      if (clean) {
        String rua = String.join(", ", r.rua().stream().map(ReportUri::uri).toList());
        out.add(0, f.make(OK, Severity.PASS, domain, ev, domain, applied.tag(), r.pct(), rua));
      }
      return out;
    });
  }

  /**
   * §7.1: a report address whose organizational domain differs from the policy's must be authorized
   * by a {@code v=DMARC1} TXT record at {@code <policy domain>._report._dmarc.<host>}; a wildcard
   * there ({@code *._report._dmarc.<host>}) answers the same question. One question per host, all at once.
   */
  private CompletableFuture<List<Finding>> authorizations(CheckContext ctx, String policyDomain, DmarcRecord r) {
    String ownOrg = OrganizationalDomain.of(policyDomain);
    Map<String, List<String>> uses = new LinkedHashMap<>();
    for (var tag : List.of(Map.entry("rua", r.rua()), Map.entry("ruf", r.ruf()))) {
      for (ReportUri u : tag.getValue()) {
        if (u.host() != null && !OrganizationalDomain.of(u.host()).equals(ownOrg)) {
          uses.computeIfAbsent(u.host(), h -> new ArrayList<>()).add(tag.getKey() + "=" + u.uri());
        }
      }
    }
    if (uses.isEmpty()) {
      return done(List.of());
    }
    Map<String, CompletableFuture<DnsAnswer>> asked = new LinkedHashMap<>();
    uses.keySet().forEach(h -> asked.put(h, ctx.dns().query(policyDomain + "._report._dmarc." + h, Type.TXT)));
    return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<Finding> out = new ArrayList<>();
      asked.forEach((host, future) -> {
        DnsAnswer a = future.join();
        String name = policyDomain + "._report._dmarc." + host;
        if (!a.outcome().answered()) {
          out.add(ctx.dnsFailure(name(), a));
        } else if (SpfRecords.texts(a).stream().noneMatch(DmarcRecord::isDmarc)) {
          String fix = name + ". TXT \"v=DMARC1\"";
          out.add(ctx.findings().make(RUA_UNAUTHORIZED, Severity.WARN, name, Evidence.answer(a),
              policyDomain, String.join(", ", uses.get(host)), host, fix));
        }
      });
      return out;
    });
  }

  private static List<String> lines(String owner, List<String> texts) {
    return texts.stream().map(t -> owner + ". TXT " + SpfRecords.quote(t)).toList();
  }

  private static CompletableFuture<List<Finding>> done(List<Finding> out) {
    return CompletableFuture.completedFuture(out);
  }
}
