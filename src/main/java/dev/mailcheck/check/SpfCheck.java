package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.spf.SpfAnalyzer;
import dev.mailcheck.spf.SpfAudit;
import dev.mailcheck.spf.SpfEvaluator;
import dev.mailcheck.spf.SpfOutcome;
import dev.mailcheck.spf.SpfRecords;
import dev.mailcheck.spf.SpfRequest;
import dev.mailcheck.spf.SpfResult;
import dev.mailcheck.spf.SpfTree;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The domain's SPF record as receivers see it (RFC 7208): {@code spf.ok}, {@code spf.missing},
 * {@code spf.multiple} (§4.5), {@code spf.syntax} (§4.6, §12), {@code spf.too-many-lookups} and
 * {@code spf.too-many-void-lookups} (§4.6.4), {@code spf.include-without-spf} (§5.2),
 * {@code spf.plus-all}, {@code spf.no-all} (§4.7), {@code spf.ptr-mechanism} (§5.5); and with
 * {@code --from}, {@code spf.ip-<result>} from a real check_host() for {@code postmaster@<domain>}.
 * A DNS failure is an error finding ({@code dns.*}), never {@code spf.missing}. {@code spf.ok} is
 * given only when nothing else (error, fail or warning) is reported about the record.
 */
public final class SpfCheck implements Check {

  @Override
  public String name() {
    return "spf";
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
      return List.of(f.make("spf.missing", Severity.FAIL, domain, List.of(root.note()), domain));
    }
    List<String> txt = txtLines(root, f.messages());
    if (s instanceof SpfRecords.Failed failed) {
      return List.of(ctx.dnsFailure(name(), failed.answer()));
    }
    if (s instanceof SpfRecords.Missing missing) {
      if (!missing.leadingSpace().isEmpty()) {
        return List.of(f.variant("spf.syntax", "leading-space", Severity.FAIL, domain, txt, domain));
      }
      return List.of(f.make("spf.missing", Severity.FAIL, domain, txt, domain));
    }
    if (s instanceof SpfRecords.Multiple m) {
      return List.of(f.make("spf.multiple", Severity.FAIL, domain, txt, domain, m.records().size()));
    }
    SpfRecords.One one = (SpfRecords.One) s;
    if (one.record() == null) {
      return List.of(f.make("spf.syntax", Severity.FAIL, domain, txt, domain, one.error().localized(f.messages())));
    }
    SpfAudit audit = SpfAudit.of(root, f.messages());
    List<String> tree = new ArrayList<>(audit.tree());
    tree.add(f.messages().get("spf.tree.total", audit.lookups(), SpfEvaluator.MAX_DNS_TERMS, audit.voids(), SpfEvaluator.MAX_VOID_LOOKUPS));
    List<Finding> out = new ArrayList<>();
    java.util.Set<String> asked = new java.util.HashSet<>();
    for (DnsAnswer a : audit.failures()) {
      // The same question can fail under several terms; one finding per question.
      if (asked.add(a.question())) {
        out.add(ctx.dnsFailure(name(), a));
      }
    }
    if (audit.overLimit() != null) {
      out.add(f.make("spf.too-many-lookups", Severity.FAIL, domain, tree, domain, audit.lookups(),
          audit.overLimit().term(), audit.overLimit().domain()));
    }
    for (SpfAudit.Issue i : audit.loops()) {
      if (audit.overLimit() == null) {
        out.add(f.variant("spf.too-many-lookups", "loop", Severity.FAIL, domain, tree, domain, i.term(), i.detail()));
      }
    }
    for (SpfAudit.Issue i : audit.mxTooMany()) {
      out.add(f.variant("spf.too-many-lookups", "mx", Severity.FAIL, domain, tree, domain, i.term(), i.detail()));
    }
    if (audit.overVoid() != null) {
      out.add(f.make("spf.too-many-void-lookups", Severity.FAIL, domain, tree, domain, audit.voids(),
          audit.overVoid().term(), audit.overVoid().domain()));
    }
    for (SpfAudit.Issue i : audit.withoutSpf()) {
      out.add(f.make("spf.include-without-spf", Severity.FAIL, domain, tree, i.domain(), i.term(), i.detail()));
    }
    for (SpfAudit.Issue i : audit.syntax()) {
      out.add(f.variant("spf.syntax", "include", Severity.FAIL, domain, tree, domain, i.domain(), i.detail()));
    }
    for (SpfAudit.Issue i : audit.plusAll()) {
      out.add(f.make("spf.plus-all", Severity.WARN, domain, txt, domain, i.term(), i.domain()));
    }
    if (audit.noAll()) {
      out.add(f.make("spf.no-all", Severity.WARN, domain, txt, domain));
    }
    for (SpfAudit.Issue i : audit.ptr()) {
      out.add(f.make("spf.ptr-mechanism", Severity.WARN, domain, txt, domain, i.term(), i.domain()));
    }
    // spf.ok only for a record with nothing to fix: no error, fail or warning about it (docs/SPF.md).
    if (out.isEmpty()) {
      out.add(f.make("spf.ok", Severity.PASS, domain, tree, domain, audit.lookups(), audit.voids()));
    }
    return out;
  }

  private static List<String> txtLines(SpfTree.Node root, dev.mailcheck.playbook.Messages m) {
    List<String> lines = new ArrayList<>();
    for (String t : root.selection().texts()) {
      lines.add(root.domain() + " TXT " + SpfRecords.quote(t));
    }
    if (lines.isEmpty() && root.txt() != null) {
      lines.add(root.txt().question() + ": " + root.txt().outcome());
    }
    if (root.txt() != null && root.txt().viaTcp()) {
      lines.add("(" + m.get("spf.tree.tcp") + ")");
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
      dev.mailcheck.playbook.Messages m = ctx.findings().messages();
      List<String> ev = new ArrayList<>();
      ev.add("check_host(" + ip + ", " + domain + ", postmaster@" + domain + ", HELO " + helo + ") = " + o.result().id());
      if (o.mechanism() != null) {
        ev.add(m.get("spf.evidence.decided", o.mechanism(), o.domain()));
      }
      if (o.why() != null) {
        ev.add(o.why().text(m));
      }
      if (o.explanation() != null) {
        ev.add(m.get("spf.evidence.explanation", o.explanation()));
      }
      ev.add(m.get("spf.evidence.counts", o.dnsLookups(), SpfEvaluator.MAX_DNS_TERMS, o.voidLookups(), SpfEvaluator.MAX_VOID_LOOKUPS));
      String why;
      if (o.mechanism() != null) {
        why = o.mechanism() + " (" + o.domain() + ")";
      } else {
        why = o.why() == null ? "" : o.why().text(m);
      }
      return ctx.findings().make("spf.ip-" + o.result().id(), severity(o.result()), ip, ev, ip, domain, why);
    });
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
