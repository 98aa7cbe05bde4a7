package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import java.util.List;

/**
 * A domain's SPF record with everything it refers to, fetched ahead: includes and redirects as
 * child records, and the answers of its {@code a}, {@code mx} and {@code exists} terms. Built by
 * {@link SpfAnalyzer} for the domain findings of {@code mailcheck check}.
 */
public final class SpfTree {
  /** {@link Node#note()}: the name cannot be a domain. */
  public static final String NOTE_INVALID = "invalid";
  /** {@link Node#note()}: the domain is already being evaluated higher up: an include/redirect loop. */
  public static final String NOTE_LOOP = "loop";
  /** {@link Node#note()}: not followed, the tree is deeper or wider than any evaluation goes. */
  public static final String NOTE_TOO_DEEP = "too-deep";

  private SpfTree() {}

  /**
   * One record in the tree.
   *
   * @param domain the domain whose TXT records were read
   * @param txt the TXT answer; null when the domain could not be queried (see {@code note})
   * @param selection what the answer holds for SPF; null with {@code txt}
   * @param terms the record's directives in order, then the redirect (if evaluation can reach it)
   * @param note why the record was not read ({@link #NOTE_INVALID}, {@link #NOTE_LOOP}, {@link #NOTE_TOO_DEEP}), else null
   */
  public record Node(String domain, DnsAnswer txt, SpfRecords.Selection selection, List<Term> terms, String note) {

    /** The parsed record, or null. */
    public SpfRecord record() {
      return selection instanceof SpfRecords.One one ? one.record() : null;
    }
  }

  /**
   * One directive (or the redirect) and what its lookups returned.
   *
   * @param text the term as written
   * @param mechanism the directive, or null for {@code redirect=}
   * @param target the expanded domain it asks about, or null when it depends on the sender or client
   * @param answer the address/MX/A answer of a, mx, exists; null otherwise or when not asked
   * @param hosts for mx, the address answers of its hosts (first 10)
   * @param child the record of an include or redirect
   */
  public record Term(String text, Mechanism mechanism, String target, DnsAnswer answer, List<DnsAnswer> hosts, Node child) {

    public boolean isRedirect() {
      return mechanism == null;
    }

    /** True when evaluation counts this term toward the limit of 10 (§4.6.4). */
    public boolean queriesDns() {
      return mechanism == null || mechanism.kind().queriesDns();
    }
  }
}
