package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.Messages;
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
public record SpfAudit(int lookups, int voids, Issue overLimit, Issue overVoid, List<String> tree,
    List<Issue> withoutSpf, List<Issue> syntax, List<DnsAnswer> failures, List<Issue> plusAll, boolean noAll,
    List<Issue> ptr, List<Issue> mxTooMany, List<Issue> loops) {

  /** Something found at one term: the domain whose record has it, the term, and what it is. */
  public record Issue(String domain, String term, String detail) {}

  /** Walks the tree; the annotations of {@link #tree()} are in the language of {@code m}. */
  public static SpfAudit of(SpfTree.Node root, Messages m) {
    Walk w = new Walk(m);
    SpfRecord r = root.record();
    if (r != null) {
      w.tree.add(root.domain() + " TXT " + SpfRecords.quote(r.text()));
      if (root.txt() != null && root.txt().viaTcp()) {
        w.tree.add("  (" + m.get("spf.tree.tcp") + ")");
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
    final Messages msg;
    int lookups;
    int voids;
    Issue overLimit;
    Issue overVoid;
    final List<String> tree = new ArrayList<>();
    final List<Issue> withoutSpf = new ArrayList<>();
    final List<Issue> syntax = new ArrayList<>();
    final List<DnsAnswer> failures = new ArrayList<>();
    final List<Issue> plusAll = new ArrayList<>();
    final List<Issue> ptr = new ArrayList<>();
    final List<Issue> mxTooMany = new ArrayList<>();
    final List<Issue> loops = new ArrayList<>();

    Walk(Messages m) {
      this.msg = m;
    }

    void walk(SpfTree.Node node, int depth) {
      String indent = "  ".repeat(depth);
      for (SpfTree.Term t : node.terms()) {
        String count = "";
        String over = "";
        if (t.queriesDns()) {
          lookups++;
          count = "[" + lookups + "] ";
          if (lookups == SpfEvaluator.MAX_DNS_TERMS + 1) {
            overLimit = new Issue(node.domain(), t.text(), null);
            over = "  <- " + msg.get("spf.tree.over", lookups, SpfEvaluator.MAX_DNS_TERMS);
          }
        }
        String line = indent + count + t.text();
        Mechanism m = t.mechanism();
        if (m != null && m.kind() == Mechanism.Kind.ALL) {
          if (m.qualifier() == Qualifier.PLUS) {
            plusAll.add(new Issue(node.domain(), t.text(), null));
          }
          tree.add(line + over);
          continue;
        }
        if (m != null && !m.kind().queriesDns()) {
          continue;
        }
        if (t.isRedirect() || m.kind() == Mechanism.Kind.INCLUDE) {
          child(t, node, line + over, depth);
          continue;
        }
        switch (m.kind()) {
          case PTR -> {
            ptr.add(new Issue(node.domain(), t.text(), null));
            tree.add(line + " (" + msg.get("spf.tree.ptr") + ")" + over);
          }
          case A, EXISTS -> tree.add(line + addressNote(t, node) + over);
          case MX -> tree.add(line + mxNote(t, node) + over);
          default -> tree.add(line + over);
        }
      }
    }

    private void child(SpfTree.Term t, SpfTree.Node parent, String line, int depth) {
      SpfTree.Node c = t.child();
      if (c == null) {
        tree.add(line + " (" + msg.get("spf.tree.macro") + ")");
        return;
      }
      if (c.note() != null) {
        tree.add(line + " -> " + msg.get("spf.tree.note." + c.note(), c.domain()));
        if (c.note().equals(SpfTree.NOTE_LOOP)) {
          loops.add(new Issue(parent.domain(), t.text(), c.domain()));
        }
        return;
      }
      SpfRecords.Selection s = c.selection();
      if (s instanceof SpfRecords.Failed f) {
        failures.add(f.answer());
        tree.add(line + " -> " + f.answer().question() + " " + f.answer().outcome() + ": " + msg.get("spf.tree.failed"));
      } else if (s instanceof SpfRecords.Missing) {
        withoutSpf.add(new Issue(parent.domain(), t.text(), c.domain()));
        tree.add(line + " -> " + msg.get("spf.tree.no-spf", c.domain(), c.txt().outcome()));
      } else if (s instanceof SpfRecords.Multiple mult) {
        String detail = msg.get("spf.tree.multiple", mult.records().size(), c.domain());
        syntax.add(new Issue(c.domain(), t.text(), detail));
        tree.add(line + " -> " + detail);
      } else if (s instanceof SpfRecords.One one && one.record() == null) {
        syntax.add(new Issue(c.domain(), t.text(), one.error().localized(msg)));
        tree.add(line + " -> " + SpfRecords.quote(one.text()) + ": " + msg.get("spf.tree.syntax", one.error().localized(msg)));
      } else {
        SpfRecords.One one = (SpfRecords.One) s;
        tree.add(line + " -> " + SpfRecords.quote(one.text()) + (c.txt().viaTcp() ? " (" + msg.get("spf.tree.via-tcp") + ")" : ""));
        walk(c, depth + 1);
      }
    }

    private String addressNote(SpfTree.Term t, SpfTree.Node node) {
      DnsAnswer a = t.answer();
      if (a == null) {
        return " (" + msg.get(t.target() == null ? "spf.tree.macro" : "spf.tree.bad-name") + ")";
      }
      if (!a.outcome().answered()) {
        failures.add(a);
        return " -> " + a.question() + " " + a.outcome();
      }
      if (a.records().isEmpty()) {
        return " -> " + a.question() + " " + a.outcome() + voidNote(t, node);
      }
      return " -> " + msg.get("spf.tree.addresses", a.records().size());
    }

    private String mxNote(SpfTree.Term t, SpfTree.Node node) {
      DnsAnswer mx = t.answer();
      if (mx == null) {
        return " (" + msg.get("spf.tree.bad-name") + ")";
      }
      if (!mx.outcome().answered()) {
        failures.add(mx);
        return " -> " + mx.question() + " " + mx.outcome();
      }
      List<MXRecord> hosts = mx.records(MXRecord.class);
      if (hosts.isEmpty()) {
        return " -> " + mx.question() + " " + mx.outcome() + voidNote(t, node);
      }
      if (hosts.size() > SpfEvaluator.MAX_MX_NAMES) {
        mxTooMany.add(new Issue(node.domain(), t.text(), Integer.toString(hosts.size())));
        return " -> " + msg.get("spf.tree.mx-over", hosts.size(), SpfEvaluator.MAX_MX_NAMES);
      }
      for (DnsAnswer h : t.hosts()) {
        if (!h.outcome().answered()) {
          failures.add(h);
        }
      }
      return " -> " + msg.get("spf.tree.mx-hosts", hosts.size());
    }

    private String voidNote(SpfTree.Term t, SpfTree.Node node) {
      voids++;
      String note = ": " + msg.get("spf.tree.void", voids);
      if (voids == SpfEvaluator.MAX_VOID_LOOKUPS + 1) {
        overVoid = new Issue(node.domain(), t.text(), null);
        note += ", " + msg.get("spf.tree.void-over", SpfEvaluator.MAX_VOID_LOOKUPS);
      }
      return note;
    }
  }
}
