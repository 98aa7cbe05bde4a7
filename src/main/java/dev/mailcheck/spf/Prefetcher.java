package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsNames;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * Asks ahead, in parallel, for the DNS data that evaluation will need, so that a record with many
 * includes costs about one round trip per level of the include tree instead of one per term.
 *
 * <p>Evaluation itself stays strictly in RFC 7208 order (§4.6.2) and does all the counting; this
 * class only warms the shared {@link Lookups}. It walks the part of the include tree known so far
 * in evaluation order and prefetches a term only while the number of DNS-querying terms before it
 * (a lower bound, since unknown subtrees count as empty) is within the limit of 10 (§4.6.4); nothing
 * after an {@code all} and no {@code redirect=} of a record with {@code all} (§6.1) is fetched. Terms
 * that use the {@code p} macro are left to evaluation, which alone may do the §5.5 lookups.
 *
 * <p>Two rules keep questions that evaluation can never need from being asked, at no cost in time:
 * nothing after an include or redirect whose target has no usable record is fetched (evaluation ends
 * there with permerror or temperror, §5.2, §6.1), and the host addresses of a prefetched {@code mx}
 * term are asked only if, when its MX answer arrives, the term is still within the limit by what is
 * known by then.
 */
final class Prefetcher {
  private final Lookups lookups;
  private final MacroExpander.Values base;
  private final int family;
  private final Node root;
  private boolean walking;
  private boolean dirty;
  private int walks;

  private static final class Node {
    final String domain;
    final Name name;
    final int depth;
    boolean requested;
    /** The target has no usable record: evaluation ends at this include or redirect. */
    boolean dead;
    SpfRecord record;
    final Map<Integer, Node> children = new HashMap<>();
    final Set<Integer> prefetched = new HashSet<>();
    /** Per term: the last walk that found it within the limit. */
    final Map<Integer, Integer> reached = new HashMap<>();

    Node(String domain, int depth) {
      this.domain = SpfNames.strip(domain);
      this.name = SpfNames.forCheckHost(domain);
      this.depth = depth;
    }
  }

  Prefetcher(Lookups lookups, MacroExpander.Values base, String domain) {
    this.lookups = lookups;
    this.base = base;
    this.family = base.ip() instanceof Inet4Address ? Type.A : Type.AAAA;
    this.root = new Node(domain, 0);
  }

  /** Starts with the root record; later records start their own prefetches as they arrive. */
  void start() {
    refresh();
  }

  private void refresh() {
    synchronized (this) {
      if (walking) {
        dirty = true;
        return;
      }
      walking = true;
      try {
        do {
          dirty = false;
          walks++;
          walk(root, new int[] {0});
        } while (dirty);
      } finally {
        walking = false;
      }
    }
  }

  /** Returns false once the limit is reached: nothing later in evaluation order can be needed. */
  private boolean walk(Node node, int[] position) {
    if (node.name == null || node.depth > SpfEvaluator.MAX_DNS_TERMS) {
      return true;
    }
    if (!node.requested) {
      node.requested = true;
      lookups.record(node.name).thenAccept(selection -> {
        synchronized (this) {
          if (selection instanceof SpfRecords.One one && one.record() != null) {
            node.record = one.record();
          } else {
            node.dead = true;
          }
        }
        refresh();
      });
    }
    if (node.dead) {
      return false;
    }
    SpfRecord r = node.record;
    if (r == null) {
      return true;
    }
    List<Mechanism> terms = r.mechanisms();
    for (int i = 0; i < terms.size(); i++) {
      Mechanism m = terms.get(i);
      if (m.kind() == Mechanism.Kind.ALL) {
        return true;
      }
      if (!m.kind().queriesDns()) {
        continue;
      }
      if (++position[0] > SpfEvaluator.MAX_DNS_TERMS) {
        return false;
      }
      node.reached.put(i, walks);
      String target = target(m.domainSpec(), node.domain);
      if (target == null) {
        continue;
      }
      if (m.kind() == Mechanism.Kind.INCLUDE) {
        int depth = node.depth + 1;
        Node child = node.children.computeIfAbsent(i, k -> new Node(target, depth));
        if (!walk(child, position)) {
          return false;
        }
      } else if (node.prefetched.add(i)) {
        prefetch(m, target, node, i);
      }
    }
    String redirect = r.effectiveRedirect();
    if (redirect != null) {
      if (++position[0] > SpfEvaluator.MAX_DNS_TERMS) {
        return false;
      }
      String target = target(redirect, node.domain);
      if (target != null) {
        int depth = node.depth + 1;
        return walk(node.children.computeIfAbsent(terms.size(), k -> new Node(target, depth)), position);
      }
    }
    return true;
  }

  private String target(String spec, String domain) {
    if (spec == null) {
      return domain;
    }
    if (MacroExpander.usesValidatedName(spec)) {
      return null;
    }
    try {
      return MacroExpander.expand(spec, base.withDomain(domain));
    } catch (SpfSyntaxException e) {
      return null;
    }
  }

  /** True when the latest walk still found term {@code i} of {@code node} within the limit. */
  private synchronized boolean stillWithin(Node node, int i) {
    return node.reached.getOrDefault(i, -1) == walks;
  }

  private void prefetch(Mechanism m, String target, Node node, int i) {
    Name name = SpfNames.forQuery(target);
    switch (m.kind()) {
      case A -> {
        if (name != null) {
          lookups.query(name, family);
        }
      }
      case EXISTS -> {
        if (name != null) {
          lookups.query(name, Type.A);
        }
      }
      case MX -> {
        if (name != null) {
          lookups.query(name, Type.MX).thenAccept(mx -> {
            List<MXRecord> hosts = mx.records(MXRecord.class);
            if (hosts.size() <= SpfEvaluator.MAX_MX_NAMES && stillWithin(node, i)) {
              hosts.stream().map(MXRecord::getTarget).filter(t -> !t.equals(Name.root)).forEach(t -> lookups.query(t, family));
            }
          });
        }
      }
      case PTR -> lookups.query(DnsNames.reverse(base.ip()), Type.PTR).thenAccept(ptr ->
          ptr.records(PTRRecord.class).stream().limit(SpfEvaluator.MAX_PTR_NAMES).map(PTRRecord::getTarget)
              .forEach(n -> lookups.query(n, family)));
      default -> {
        // ip4, ip6, all: nothing to ask.
      }
    }
  }
}
