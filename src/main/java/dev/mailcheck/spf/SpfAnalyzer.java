package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Reads a domain's SPF record and everything it includes, all levels in parallel, so that the
 * domain check can say what every receiver will run into: the lookup count against the limit of 10
 * and the void lookups against the limit of 2 (RFC 7208 §4.6.4), includes without a record (§5.2),
 * syntax errors anywhere (§4.6), and DNS failures on the way.
 *
 * <p>Terms whose domain depends on the sender or the client ({@code exists:%{i}._spf.example.com})
 * are counted but not looked up: their answer differs per message. {@code ptr} is counted and not
 * looked up for the same reason. Addresses are asked as an IPv4 client's evaluation would ask them
 * (A records), so an IPv4-only host's missing AAAA is never a void lookup here; see docs/SPF.md.
 */
public final class SpfAnalyzer {
  /** Records read at most, whatever the include tree looks like (real evaluation stops at 10 lookups). */
  static final int MAX_RECORDS = 40;
  /** Include/redirect depth followed at most. */
  static final int MAX_DEPTH = 11;

  private final DnsClient dns;

  public SpfAnalyzer(DnsClient dns) {
    this.dns = dns;
  }

  /** Fetches the tree of {@code domain}'s record. Never completes exceptionally. */
  public CompletableFuture<SpfTree.Node> fetch(String domain) {
    MacroExpander.Values values = new MacroExpander.Values("postmaster@" + domain, "postmaster", domain, domain,
        InetAddress.getLoopbackAddress(), domain, null, null, 0);
    return node(domain, List.of(), values, new AtomicInteger());
  }

  private CompletableFuture<SpfTree.Node> node(String domain, List<String> ancestors, MacroExpander.Values values,
      AtomicInteger budget) {
    String d = SpfNames.strip(domain);
    Name name = SpfNames.forCheckHost(d);
    if (name == null) {
      return done(new SpfTree.Node(d, null, null, List.of(), SpfTree.NOTE_INVALID));
    }
    if (ancestors.stream().anyMatch(a -> a.equalsIgnoreCase(d))) {
      return done(new SpfTree.Node(d, null, null, List.of(), SpfTree.NOTE_LOOP));
    }
    if (ancestors.size() >= MAX_DEPTH || budget.incrementAndGet() > MAX_RECORDS) {
      return done(new SpfTree.Node(d, null, null, List.of(), SpfTree.NOTE_TOO_DEEP));
    }
    List<String> path = new ArrayList<>(ancestors);
    path.add(d);
    return dns.query(name, Type.TXT).thenCompose(txt -> {
      SpfRecords.Selection selection = SpfRecords.select(txt);
      SpfRecord record = selection instanceof SpfRecords.One one ? one.record() : null;
      if (record == null) {
        return done(new SpfTree.Node(d, txt, selection, List.of(), null));
      }
      MacroExpander.Values here = values.withDomain(d);
      List<CompletableFuture<SpfTree.Term>> terms = new ArrayList<>();
      for (Mechanism m : record.mechanisms()) {
        terms.add(term(m, here, path, budget));
        if (m.kind() == Mechanism.Kind.ALL) {
          break;
        }
      }
      String redirect = record.effectiveRedirect();
      if (redirect != null) {
        String target = expand(redirect, here);
        String text = "redirect=" + redirect;
        terms.add(target == null
            ? done(new SpfTree.Term(text, null, null, null, List.of(), null))
            : node(target, path, values, budget).thenApply(child -> new SpfTree.Term(text, null, target, null, List.of(), child)));
      }
      return CompletableFuture.allOf(terms.toArray(CompletableFuture[]::new))
          .thenApply(v -> new SpfTree.Node(d, txt, selection, terms.stream().map(CompletableFuture::join).toList(), null));
    });
  }

  private CompletableFuture<SpfTree.Term> term(Mechanism m, MacroExpander.Values here, List<String> path, AtomicInteger budget) {
    if (!m.kind().queriesDns()) {
      return done(new SpfTree.Term(m.text(), m, null, null, List.of(), null));
    }
    String target = m.domainSpec() == null ? here.domain() : expand(m.domainSpec(), here);
    Name name = target == null ? null : SpfNames.forQuery(target);
    return switch (m.kind()) {
      case INCLUDE -> target == null
          ? done(new SpfTree.Term(m.text(), m, null, null, List.of(), null))
          : node(target, path, here, budget).thenApply(child -> new SpfTree.Term(m.text(), m, target, null, List.of(), child));
      case A, EXISTS -> name == null
          ? done(new SpfTree.Term(m.text(), m, target, null, List.of(), null))
          : dns.query(name, Type.A).thenApply(a -> new SpfTree.Term(m.text(), m, target, a, List.of(), null));
      case MX -> name == null
          ? done(new SpfTree.Term(m.text(), m, target, null, List.of(), null))
          : dns.query(name, Type.MX).thenCompose(mx -> hosts(mx).thenApply(h -> new SpfTree.Term(m.text(), m, target, mx, h, null)));
      default -> done(new SpfTree.Term(m.text(), m, null, null, List.of(), null));
    };
  }

  /**
   * The A answers of an MX answer's hosts (the first 10; more is a permerror anyway). The domain check
   * counts as an IPv4 client would (§5.4 asks the client's family only), so AAAA is never asked here:
   * a host's AAAA failure cannot affect an IPv4 sender (docs/SPF.md, void lookups).
   */
  private CompletableFuture<List<DnsAnswer>> hosts(DnsAnswer mx) {
    List<CompletableFuture<DnsAnswer>> out = new ArrayList<>();
    List<MXRecord> records = mx.records(MXRecord.class);
    if (records.size() <= SpfEvaluator.MAX_MX_NAMES) {
      for (MXRecord r : records) {
        if (!r.getTarget().equals(Name.root)) {
          out.add(dns.query(r.getTarget(), Type.A));
        }
      }
    }
    return CompletableFuture.allOf(out.toArray(CompletableFuture[]::new))
        .thenApply(v -> out.stream().map(CompletableFuture::join).toList());
  }

  /** Expands a domain-spec that does not depend on the sender or client; null for one that does. */
  private static String expand(String spec, MacroExpander.Values values) {
    if (MacroExpander.dependsOnClient(spec)) {
      return null;
    }
    try {
      return MacroExpander.expand(spec, values);
    } catch (SpfSyntaxException e) {
      return null;
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
