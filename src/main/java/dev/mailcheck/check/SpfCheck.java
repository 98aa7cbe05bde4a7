package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Text;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.spf.SpfAnalyzer;
import dev.mailcheck.spf.SpfAudit;
import dev.mailcheck.spf.SpfEvaluator;
import dev.mailcheck.spf.SpfRecords;
import dev.mailcheck.spf.SpfRequest;
import dev.mailcheck.spf.SpfResult;
import dev.mailcheck.spf.SpfTree;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The domain's SPF record as receivers see it (RFC 7208): {@code spf.ok}, {@code spf.missing},
 * {@code spf.multiple} (§4.5), {@code spf.syntax} (§4.6, §12), {@code spf.too-many-lookups} and
 * {@code spf.too-many-void-lookups} (§4.6.4), {@code spf.include-without-spf} (§5.2),
 * {@code spf.plus-all}, {@code spf.no-all} (§4.7), {@code spf.ptr-mechanism} (§5.5); and with
 * {@code --from}, {@code spf.ip-<result>} from a real check_host() for {@code postmaster@<domain>}
 * (one constant per result, mapped in {@link #ipKind}).
 * A DNS failure is an error finding ({@code dns.*}), never {@code spf.missing}. {@code spf.ok} is
 * given only when nothing else (error, fail or warning) is reported about the record.
 */
public final class SpfCheck implements Check {
  private static final FindingKind OK = FindingKind.of("spf.ok");
  private static final FindingKind MISSING = FindingKind.of("spf.missing");
  private static final FindingKind MULTIPLE = FindingKind.of("spf.multiple");
  private static final FindingKind SYNTAX = FindingKind.of("spf.syntax");
  private static final FindingKind SYNTAX_LEADING_SPACE = SYNTAX.variant("leading-space");
  private static final FindingKind SYNTAX_INCLUDE = SYNTAX.variant("include");
  private static final FindingKind TOO_MANY_LOOKUPS = FindingKind.of("spf.too-many-lookups");
  private static final FindingKind TOO_MANY_LOOKUPS_LOOP = TOO_MANY_LOOKUPS.variant("loop");
  private static final FindingKind TOO_MANY_LOOKUPS_MX = TOO_MANY_LOOKUPS.variant("mx");
  private static final FindingKind TOO_MANY_VOID_LOOKUPS = FindingKind.of("spf.too-many-void-lookups");
  private static final FindingKind INCLUDE_WITHOUT_SPF = FindingKind.of("spf.include-without-spf");
  private static final FindingKind PLUS_ALL = FindingKind.of("spf.plus-all");
  private static final FindingKind NO_ALL = FindingKind.of("spf.no-all");
  private static final FindingKind PTR_MECHANISM = FindingKind.of("spf.ptr-mechanism");
  private static final FindingKind IP_PASS = FindingKind.of("spf.ip-pass");
  private static final FindingKind IP_FAIL = FindingKind.of("spf.ip-fail");
  private static final FindingKind IP_SOFTFAIL = FindingKind.of("spf.ip-softfail");
  private static final FindingKind IP_NEUTRAL = FindingKind.of("spf.ip-neutral");
  private static final FindingKind IP_NONE = FindingKind.of("spf.ip-none");
  private static final FindingKind IP_PERMERROR = FindingKind.of("spf.ip-permerror");
  private static final FindingKind IP_TEMPERROR = FindingKind.of("spf.ip-temperror");

  @Override
  public String name() {
    return "spf";
  }

  @Override
  public Area area() {
    return Area.SPF;
  }

  @Override
  public boolean appliesTo(CheckContext ctx) {
    return !ctx.target().isIp();
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    CompletableFuture<List<Finding>> record = new SpfAnalyzer(ctx.dns()).fetch(domain).thenApply(tree -> recordFindings(ctx, tree));
    InetAddress from = ctx.options().from();
    if (from == null) {
      return record;
    }
    CompletableFuture<Finding> ip = ipFinding(ctx, domain, from);
    return record.thenCombine(ip, (list, f) -> {
      List<Finding> out = new ArrayList<>(list);
      out.add(f);
      return out;
    });
  }

  private List<Finding> recordFindings(CheckContext ctx, SpfTree.Node root) {
    FindingFactory f = ctx.findings();
    String domain = root.domain();
    SpfRecords.Selection s = root.selection();
    if (s == null) {
      return List.of(f.make(MISSING, Severity.FAIL, domain, List.of(root.note()), domain));
    }
    List<Text> txt = txtLines(root);
    if (s instanceof SpfRecords.Failed failed) {
      return List.of(ctx.dnsFailure(name(), failed.answer()));
    }
    if (s instanceof SpfRecords.Missing missing) {
      if (!missing.leadingSpace().isEmpty()) {
        return List.of(f.make(SYNTAX_LEADING_SPACE, Severity.FAIL, domain, txt, domain));
      }
      if (root.txt() != null && root.txt().outcome() == dev.mailcheck.dns.DnsOutcome.NXDOMAIN
          && domain.equals(ctx.target().name())) {
        // The domain itself does not exist: one domain.nonexistent for the run, from the MX check
        // when it runs, rather than an spf.missing that sends the reader after a record.
        return ctx.runs("mx") ? List.of() : List.of(ctx.domainNonexistent(name(), root.txt()));
      }
      return List.of(f.make(MISSING, Severity.FAIL, domain, txt, domain));
    }
    if (s instanceof SpfRecords.Multiple m) {
      return List.of(f.make(MULTIPLE, Severity.FAIL, domain, txt, domain, m.records().size()));
    }
    SpfRecords.One one = (SpfRecords.One) s;
    if (one.record() == null) {
      return List.of(f.make(SYNTAX, Severity.FAIL, domain, txt, domain, one.error().toText()));
    }
    SpfAudit audit = SpfAudit.of(root);
    List<Text> tree = new ArrayList<>(audit.tree());
    tree.add(Text.of("spf.tree.total", audit.lookups(), SpfEvaluator.MAX_DNS_TERMS, audit.voids(), SpfEvaluator.MAX_VOID_LOOKUPS));
    List<Finding> out = new ArrayList<>();
    java.util.Set<String> asked = new java.util.HashSet<>();
    for (DnsAnswer a : audit.failures()) {
      // The same question can fail under several terms; one finding per question.
      if (asked.add(a.question())) {
        out.add(ctx.dnsFailure(name(), a));
      }
    }
    if (audit.overLimit() != null) {
      out.add(f.make(TOO_MANY_LOOKUPS, Severity.FAIL, domain, tree, domain, audit.lookups(),
          audit.overLimit().term(), audit.overLimit().domain()));
    }
    for (SpfAudit.Issue i : audit.loops()) {
      if (audit.overLimit() == null) {
        out.add(f.make(TOO_MANY_LOOKUPS_LOOP, Severity.FAIL, domain, tree, domain, i.term(), i.detail()));
      }
    }
    for (SpfAudit.Issue i : audit.mxTooMany()) {
      out.add(f.make(TOO_MANY_LOOKUPS_MX, Severity.FAIL, domain, tree, domain, i.term(), i.detail()));
    }
    if (audit.overVoid() != null) {
      out.add(f.make(TOO_MANY_VOID_LOOKUPS, Severity.FAIL, domain, tree, domain, audit.voids(),
          audit.overVoid().term(), audit.overVoid().domain()));
    }
    for (SpfAudit.Issue i : audit.withoutSpf()) {
      out.add(f.make(INCLUDE_WITHOUT_SPF, Severity.FAIL, domain, tree, i.domain(), i.term(), i.detail()));
    }
    for (SpfAudit.Issue i : audit.syntax()) {
      out.add(f.make(SYNTAX_INCLUDE, Severity.FAIL, domain, tree, domain, i.domain(), i.detail()));
    }
    for (SpfAudit.Issue i : audit.plusAll()) {
      out.add(f.make(PLUS_ALL, Severity.WARN, domain, txt, domain, i.term(), i.domain()));
    }
    if (audit.noAll()) {
      out.add(f.make(NO_ALL, Severity.WARN, domain, txt, domain));
    }
    for (SpfAudit.Issue i : audit.ptr()) {
      out.add(f.make(PTR_MECHANISM, Severity.WARN, domain, txt, domain, i.term(), i.domain()));
    }
    // spf.ok only for a record with nothing to fix: no error, fail or warning about it (docs/SPF.md).
    if (out.isEmpty()) {
      out.add(f.make(OK, Severity.PASS, domain, tree, domain, audit.lookups(), audit.voids()));
    }
    return out;
  }

  private static List<Text> txtLines(SpfTree.Node root) {
    List<Text> lines = new ArrayList<>();
    for (String t : root.selection().texts()) {
      lines.add(Text.plain(root.domain() + " TXT " + SpfRecords.quote(t)));
    }
    if (lines.isEmpty() && root.txt() != null) {
      lines.add(Text.plain(root.txt().question() + ": " + root.txt().outcome()));
    }
    if (root.txt() != null && root.txt().viaTcp()) {
      lines.add(Text.join("(", Text.of("spf.tree.tcp"), ")"));
    }
    return lines;
  }

  /** check_host(from, domain, postmaster@domain) as a receiver would run it (RFC 7208 §4). */
  private CompletableFuture<Finding> ipFinding(CheckContext ctx, String domain, InetAddress from) {
    String helo = ctx.options().helo() == null || ctx.options().helo().isBlank() ? domain : ctx.options().helo();
    SpfRequest request = new SpfRequest(from, "postmaster@" + domain, helo);
    SpfEvaluator evaluator = new SpfEvaluator(ctx.dns(), true, ctx.options().timeout());
    return evaluator.checkHost(request).thenApply(o -> {
      String ip = dev.mailcheck.dns.Addresses.text(SpfRequest.normalize(from));
      List<Text> ev = new ArrayList<>();
      ev.add(Text.plain("check_host(" + ip + ", " + domain + ", postmaster@" + domain + ", HELO " + helo + ") = " + o.result().id()));
      if (o.mechanism() != null) {
        ev.add(Text.of("spf.evidence.decided", o.mechanism(), o.domain()));
      }
      if (o.why() != null) {
        ev.add(o.why().toText());
      }
      if (o.explanation() != null) {
        ev.add(Text.of("spf.evidence.explanation", o.explanation()));
      }
      ev.add(Text.of("spf.evidence.counts", o.dnsLookups(), SpfEvaluator.MAX_DNS_TERMS, o.voidLookups(), SpfEvaluator.MAX_VOID_LOOKUPS));
      Object why;
      if (o.mechanism() != null) {
        why = o.mechanism() + " (" + o.domain() + ")";
      } else {
        why = o.why() == null ? "" : o.why().toText();
      }
      return ctx.findings().make(ipKind(o.result()), severity(o.result()), ip, ev, ip, domain, why);
    });
  }

  /** The finding of a check_host() result: one explicit constant each, never an ID built from the result. */
  static FindingKind ipKind(SpfResult r) {
    return switch (r) {
      case PASS -> IP_PASS;
      case FAIL -> IP_FAIL;
      case SOFTFAIL -> IP_SOFTFAIL;
      case NEUTRAL -> IP_NEUTRAL;
      case NONE -> IP_NONE;
      case PERMERROR -> IP_PERMERROR;
      case TEMPERROR -> IP_TEMPERROR;
    };
  }

  /** Pass is fine; anything but pass leaves the mail unauthenticated by SPF; temperror is "could not check". */
  static Severity severity(SpfResult r) {
    return switch (r) {
      case PASS -> Severity.PASS;
      case TEMPERROR -> Severity.ERROR;
      default -> Severity.FAIL;
    };
  }
}
