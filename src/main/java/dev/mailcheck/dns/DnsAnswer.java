package dev.mailcheck.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The answer to one question: its outcome, the records of the asked type (after any CNAME chain),
 * and the CNAMEs that were followed to get there.
 */
public final class DnsAnswer {
  private final Name name;
  private final int type;
  private final DnsOutcome outcome;
  private final List<Record> records;
  private final List<CNAMERecord> aliases;
  private final Duration elapsed;
  private final String resolver;
  private final boolean viaTcp;
  private final boolean tcpFailed;
  private final String cause;
  private final String causeDetail;
  private final boolean authenticated;
  private final List<RRSIGRecord> signatures;
  private final List<Record> authority;

  public DnsAnswer(
      Name name,
      int type,
      DnsOutcome outcome,
      List<Record> records,
      List<CNAMERecord> aliases,
      Duration elapsed,
      String resolver,
      boolean viaTcp) {
    this(name, type, outcome, records, aliases, elapsed, resolver, viaTcp, false);
  }

  private DnsAnswer(
      Name name,
      int type,
      DnsOutcome outcome,
      List<Record> records,
      List<CNAMERecord> aliases,
      Duration elapsed,
      String resolver,
      boolean viaTcp,
      boolean tcpFailed) {
    this(name, type, outcome, records, aliases, elapsed, resolver, viaTcp, tcpFailed, null, null, false, List.of(), List.of());
  }

  private DnsAnswer(
      Name name,
      int type,
      DnsOutcome outcome,
      List<Record> records,
      List<CNAMERecord> aliases,
      Duration elapsed,
      String resolver,
      boolean viaTcp,
      boolean tcpFailed,
      String cause,
      String causeDetail,
      boolean authenticated,
      List<RRSIGRecord> signatures,
      List<Record> authority) {
    this.cause = cause;
    this.causeDetail = causeDetail;
    this.authenticated = authenticated;
    this.signatures = List.copyOf(signatures);
    this.authority = List.copyOf(authority);
    this.name = name;
    this.type = type;
    this.outcome = outcome;
    this.records = List.copyOf(records);
    this.aliases = List.copyOf(aliases);
    this.elapsed = elapsed;
    this.resolver = resolver;
    this.viaTcp = viaTcp;
    this.tcpFailed = tcpFailed;
  }

  /** An answer that never reached the wire: for failures decided before sending. */
  public static DnsAnswer failed(Name name, int type, DnsOutcome outcome, Duration elapsed, String resolver) {
    return new DnsAnswer(name, type, outcome, List.of(), List.of(), elapsed, resolver, false);
  }

  /**
   * A failure after the UDP answer came back truncated (RFC 1035 §4.2.1) and the question, asked
   * again over TCP (RFC 7766 §5), got no answer: a server that will not speak TCP.
   */
  public static DnsAnswer failedOverTcp(Name name, int type, DnsOutcome outcome, Duration elapsed, String resolver) {
    return new DnsAnswer(name, type, outcome, List.of(), List.of(), elapsed, resolver, false, true);
  }

  public Name name() {
    return name;
  }

  public int type() {
    return type;
  }

  /**
   * The same answer with why it failed: a {@link #cause()} code such as {@code port-unreachable},
   * {@code connection-refused}, {@code malformed} or {@code rcode} (then {@code detail} is the RCODE's
   * name, e.g. {@code NOTIMP}).
   */
  public DnsAnswer withCause(String code, String detail) {
    return new DnsAnswer(
        name, type, outcome, records, aliases, elapsed, resolver, viaTcp, tcpFailed, code, detail,
        authenticated, signatures, authority);
  }

  /** Why an {@code ERROR} outcome came about, as a code the texts word ({@code dns.cause.<code>}); null when unknown. */
  public String cause() {
    return cause;
  }

  /** What goes with the cause (the RCODE's name for {@code rcode}); null when nothing does. */
  public String causeDetail() {
    return causeDetail;
  }

  public DnsOutcome outcome() {
    return outcome;
  }

  /** Records of the asked type, owned by the name or by the end of its CNAME chain. */
  public List<Record> records() {
    return records;
  }

  /** Records of the asked type cast to their dnsjava class, e.g. {@code records(MXRecord.class)}. */
  public <T extends Record> List<T> records(Class<T> kind) {
    List<T> out = new ArrayList<>(records.size());
    for (Record r : records) {
      if (kind.isInstance(r)) {
        out.add(kind.cast(r));
      }
    }
    return out;
  }

  /** CNAME records followed from the asked name, in order. Empty when the name is not an alias. */
  public List<CNAMERecord> aliases() {
    return aliases;
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** The resolver that gave this answer, as {@code ip:port}. */
  public String resolver() {
    return resolver;
  }

  /** True when the UDP answer was truncated and the question was asked again over TCP. */
  public boolean viaTcp() {
    return viaTcp;
  }

  /**
   * True when the UDP answer was truncated and the TCP attempt that followed failed (no answer, a
   * closed or refused connection, or a timeout): the answer exists but is too large for UDP.
   */
  public boolean tcpFailed() {
    return tcpFailed;
  }

  /**
   * The same answer with what DNSSEC adds to it (questions go out with the DO bit, RFC 3225):
   * the AD flag of the response (RFC 4035 §3.2.3), the RRSIGs of the answer section and the
   * authority section (SOA, NSEC/NSEC3 proofs of absence and their RRSIGs).
   */
  public DnsAnswer withDnssec(boolean ad, List<RRSIGRecord> sigs, List<Record> authoritySection) {
    return new DnsAnswer(
        name, type, outcome, records, aliases, elapsed, resolver, viaTcp, tcpFailed, cause, causeDetail,
        ad, sigs, authoritySection);
  }

  /** True when the resolver set the AD flag: it validated the answer (only as far as the path to it is trusted). */
  public boolean authenticated() {
    return authenticated;
  }

  /** The RRSIG records of the answer section (covering the records and the CNAMEs followed). */
  public List<RRSIGRecord> signatures() {
    return signatures;
  }

  /** The authority section: SOA, NS, NSEC/NSEC3 and their RRSIGs; empty when the client does not keep it. */
  public List<Record> authority() {
    return authority;
  }

  /** The question in presentation form, e.g. {@code example.com. MX}: the subject of dns.* findings (keys in it hidden, {@link SecretLabels}). */
  public String question() {
    return SecretLabels.redact(name + " " + Type.string(type));
  }

  @Override
  public String toString() {
    return question() + " -> " + outcome + " " + SecretLabels.redact(String.valueOf(records));
  }
}
