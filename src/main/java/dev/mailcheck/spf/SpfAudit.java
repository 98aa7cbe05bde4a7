package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.report.Text;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.MXRecord;

/**
 * Walks a {@link SpfTree} in evaluation order as a receiver would for a client that no term
 * matches: every DNS-querying term counted (RFC 7208 §4.6.4), includes followed, the redirect taken
 * when the record has no {@code all} (§6.1). The result names the term that pushed the count past
 * 10, the lookup that pushed the void count past 2, and everything that would make receivers return
 * permerror or temperror; {@link #tree()} is the evidence, one line per term with the running count.
 */
public record SpfAudit(int lookups, int voids, Issue overLimit, Issue overVoid, List<Text> tree,
    List<Issue> withoutSpf, List<Issue> syntax, List<DnsAnswer> failures, List<Issue> plusAll, boolean noAll,
    List<Issue> ptr, List<Issue> mxTooMany, List<Issue> loops) {

  /**
   * Something found at one term: the domain whose record has it, the term, and what it is (a
   * string, or {@link Text} when it is in words).
   */
  public record Issue(String domain, String term, Object detail) {}

  /** Walks the tree; the annotations of {@link #tree()} are {@link Text}, put into words when shown. */
  public static SpfAudit of(SpfTree.Node root) {
    Walk w = new Walk();
    SpfRecord r = root.record();
    if (r != null) {
      w.tree.add(Text.plain(root.domain() + " TXT " + SpfRecords.quote(r.text())));
      if (root.txt() != null && root.txt().viaTcp()) {
        w.tree.add(Text.join("  (", Text.of("spf.tree.tcp"), ")"));
      }
      w.walk(root, 1);
    }
    return new SpfAudit(w.lookups, w.voids, w.overLimit, w.overVoid, List.copyOf(w.tree), List.copyOf(w.withoutSpf),
        List.copyOf(w.syntax), List.copyOf(w.failures), List.copyOf(w.plusAll), noAll(root), List.copyOf(w.ptr),
        List.copyOf(w.mxTooMany), List.copyOf(w.loops));
  }

  /** True when the record (after its redirects) has neither {@code all} nor a redirect: unlisted senders get neutral (§4.7). */
  private static boolean noAll(SpfTree.Node node) {
    for (int hops = 0; node != null && hops < 12; hops++) {
      SpfRecord r = node.record();
      if (r == null || r.hasAll()) {
        return false;
      }
      if (r.redirect() == null) {
        return true;
      }
      SpfTree.Node next = null;
      for (SpfTree.Term t : node.terms()) {
        if (t.isRedirect()) {
          next = t.child();
        }
      }
      node = next;
    }
    return false;
  }

  private static final class Walk {
    int lookups;
    int voids;
    Issue overLimit;
    Issue overVoid;
    final List<Text> tree = new ArrayList<>();
    final List<Issue> withoutSpf = new ArrayList<>();
    final List<Issue> syntax = new ArrayList<>();
    final List<DnsAnswer> failures = new ArrayList<>();
    final List<Issue> plusAll = new ArrayList<>();
    final List<Issue> ptr = new ArrayList<>();
    final List<Issue> mxTooMany = new ArrayList<>();
    final List<Issue> loops = new ArrayList<>();

    void walk(SpfTree.Node node, int depth) {
      String indent = "  ".repeat(depth);
      for (SpfTree.Term t : node.terms()) {
        String count = "";
        Text over = Text.plain("");
        if (t.queriesDns()) {
          lookups++;
          count = "[" + lookups + "] ";
          if (lookups == SpfEvaluator.MAX_DNS_TERMS + 1) {
            overLimit = new Issue(node.domain(), t.text(), null);
            over = Text.join("  <- ", Text.of("spf.tree.over", lookups, SpfEvaluator.MAX_DNS_TERMS));
          }
        }
        String line = indent + count + t.text();
        Mechanism m = t.mechanism();
        if (m != null && m.kind() == Mechanism.Kind.ALL) {
          if (m.qualifier() == Qualifier.PLUS) {
            plusAll.add(new Issue(node.domain(), t.text(), null));
          }
          tree.add(Text.join(line, over));
          continue;
        }
        if (m != null && !m.kind().queriesDns()) {
          continue;
        }
        if (t.isRedirect() || m.kind() == Mechanism.Kind.INCLUDE) {
          child(t, node, Text.join(line, over), depth);
          continue;
        }
        switch (m.kind()) {
          case PTR -> {
            ptr.add(new Issue(node.domain(), t.text(), null));
            tree.add(Text.join(line, " (", Text.of("spf.tree.ptr"), ")", over));
          }
          case A, EXISTS -> tree.add(Text.join(line, addressNote(t, node), over));
          case MX -> tree.add(Text.join(line, mxNote(t, node), over));
          default -> tree.add(Text.join(line, over));
        }
      }
    }

    private void child(SpfTree.Term t, SpfTree.Node parent, Text line, int depth) {
      SpfTree.Node c = t.child();
      if (c == null) {
        tree.add(Text.join(line, " (", Text.of("spf.tree.macro"), ")"));
        return;
      }
      if (c.note() != null) {
        tree.add(Text.join(line, " -> ", Text.of(noteKey(c.note()), c.domain())));
        if (c.note().equals(SpfTree.NOTE_LOOP)) {
          loops.add(new Issue(parent.domain(), t.text(), c.domain()));
        }
        return;
      }
      SpfRecords.Selection s = c.selection();
      if (s instanceof SpfRecords.Failed f) {
        failures.add(f.answer());
        tree.add(Text.join(line, " -> " + f.answer().question() + " " + f.answer().outcome() + ": ", Text.of("spf.tree.failed")));
      } else if (s instanceof SpfRecords.Missing) {
        withoutSpf.add(new Issue(parent.domain(), t.text(), c.domain()));
        tree.add(Text.join(line, " -> ", Text.of("spf.tree.no-spf", c.domain(), c.txt().outcome().name())));
      } else if (s instanceof SpfRecords.Multiple mult) {
        Text detail = Text.of("spf.tree.multiple", mult.records().size(), c.domain());
        syntax.add(new Issue(c.domain(), t.text(), detail));
        tree.add(Text.join(line, " -> ", detail));
      } else if (s instanceof SpfRecords.One one && one.record() == null) {
        syntax.add(new Issue(c.domain(), t.text(), one.error().toText()));
        tree.add(Text.join(line, " -> " + SpfRecords.quote(one.text()) + ": ", Text.of("spf.tree.syntax", one.error().toText())));
      } else {
        SpfRecords.One one = (SpfRecords.One) s;
        tree.add(c.txt().viaTcp()
            ? Text.join(line, " -> " + SpfRecords.quote(one.text()) + " (", Text.of("spf.tree.via-tcp"), ")")
            : Text.join(line, " -> " + SpfRecords.quote(one.text())));
        walk(c, depth + 1);
      }
    }

    private Text addressNote(SpfTree.Term t, SpfTree.Node node) {
      DnsAnswer a = t.answer();
      if (a == null) {
        return Text.join(" (", Text.of(t.target() == null ? "spf.tree.macro" : "spf.tree.bad-name"), ")");
      }
      if (!a.outcome().answered()) {
        failures.add(a);
        return Text.plain(" -> " + a.question() + " " + a.outcome());
      }
      if (a.records().isEmpty()) {
        return Text.join(" -> " + a.question() + " " + a.outcome(), voidNote(t, node));
      }
      return Text.join(" -> ", Text.of("spf.tree.addresses", a.records().size()));
    }

    private Text mxNote(SpfTree.Term t, SpfTree.Node node) {
      DnsAnswer mx = t.answer();
      if (mx == null) {
        return Text.join(" (", Text.of("spf.tree.bad-name"), ")");
      }
      if (!mx.outcome().answered()) {
        failures.add(mx);
        return Text.plain(" -> " + mx.question() + " " + mx.outcome());
      }
      List<MXRecord> hosts = mx.records(MXRecord.class);
      if (hosts.isEmpty()) {
        return Text.join(" -> " + mx.question() + " " + mx.outcome(), voidNote(t, node));
      }
      if (hosts.size() > SpfEvaluator.MAX_MX_NAMES) {
        mxTooMany.add(new Issue(node.domain(), t.text(), Integer.toString(hosts.size())));
        return Text.join(" -> ", Text.of("spf.tree.mx-over", hosts.size(), SpfEvaluator.MAX_MX_NAMES));
      }
      for (DnsAnswer h : t.hosts()) {
        if (!h.outcome().answered()) {
          failures.add(h);
        }
      }
      return Text.join(" -> ", Text.of("spf.tree.mx-hosts", hosts.size()));
    }

    private Text voidNote(SpfTree.Term t, SpfTree.Node node) {
      voids++;
      Text note = Text.join(": ", Text.of("spf.tree.void", voids));
      if (voids == SpfEvaluator.MAX_VOID_LOOKUPS + 1) {
        overVoid = new Issue(node.domain(), t.text(), null);
        note = Text.join(note, ", ", Text.of("spf.tree.void-over", SpfEvaluator.MAX_VOID_LOOKUPS));
      }
      return note;
    }

    /** The message key of a tree note, named explicitly rather than built from the note. */
    private static String noteKey(String note) {
      return switch (note) {
        case SpfTree.NOTE_LOOP -> "spf.tree.note.loop";
        case SpfTree.NOTE_INVALID -> "spf.tree.note.invalid";
        case SpfTree.NOTE_TOO_DEEP -> "spf.tree.note.too-deep";
        default -> throw new IllegalStateException("no text for the SPF tree note " + note);
      };
    }
  }
}
