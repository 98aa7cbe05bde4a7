package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsNames;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.ReverseMap;

/**
 * One blocklist as the bundled catalog ({@code dnsbl/lists.json}) describes it.
 *
 * @param zone the zone queried, absolute (with a DQS key in it when one is configured)
 * @param display the zone as people see it: never the key ({@link dev.mailcheck.dns.SecretLabels})
 * @param codes the documented answers, first match wins
 * @param refusals answers that are the list refusing the question (RFC 5782 leaves them to the list), by message key
 * @param tests the RFC 5782 §5 test points of each kind
 * @param delist the playbook link key of its look-up/removal page
 * @param dqs the zone template with {@code {key}} for Spamhaus's Data Query Service, or null
 */
public record BlockList(
    String id, String name, Name zone, String display, Set<ListKind> kinds, boolean byDefault, Access access,
    String delist, List<ReturnCode> codes, Map<Integer, String> refusals, Map<ListKind, TestPoints> tests,
    String dqs, String source, String verified) {

  /** A name that must be listed and one that must not (RFC 5782 §5). */
  public record TestPoints(String listed, String clean) {}

  public BlockList {
    kinds = Set.copyOf(kinds);
    codes = List.copyOf(codes);
    refusals = Map.copyOf(refusals);
    tests = Map.copyOf(tests);
  }

  public boolean supports(ListKind kind) {
    return kinds.contains(kind);
  }

  /** The kind of list an address is looked up on. */
  public static ListKind kindOf(InetAddress ip) {
    return ip instanceof Inet4Address ? ListKind.IPV4 : ListKind.IPV6;
  }

  /**
   * The question for an address: its reversed octets (RFC 5782 §2.1) or, for IPv6, its reversed
   * nibbles (§2.4), under the zone; absolute, so no search list applies.
   */
  public Name queryName(InetAddress ip) {
    return queryName(ip.getAddress());
  }

  /** The question for an address given as 4 or 16 bytes (an IPv4-mapped IPv6 test point stays IPv6). */
  public Name queryName(byte[] address) {
    Name reverse = ReverseMap.fromAddress(address);
    Name suffix = address.length == 4 ? DnsNames.absolute("in-addr.arpa.") : DnsNames.absolute("ip6.arpa.");
    try {
      return Name.concatenate(reverse.relativize(suffix), zone);
    } catch (NameTooLongException e) {
      // A zone of up to 182 characters fits any IPv6 question; a longer one is refused when it is read.
      throw new IllegalStateException("zone too long for an address question: " + display, e);
    }
  }

  /** The question for a domain on a domain list (RFC 5782 §3), or empty when the name would be too long. */
  public Optional<Name> queryName(Name domain) {
    try {
      return Optional.of(Name.concatenate(domain.relativize(Name.root), zone));
    } catch (NameTooLongException e) {
      return Optional.empty();
    }
  }

  /** The code an answer falls in, or null when the list documents no such answer. */
  public ReturnCode code(int answer) {
    for (ReturnCode c : codes) {
      if (c.covers(answer)) {
        return c;
      }
    }
    return null;
  }

  /** The same list queried through DQS with this key (Spamhaus), or itself when it has no DQS zone. */
  public BlockList withDqsKey(String key) {
    if (dqs == null) {
      return this;
    }
    return new BlockList(id, name + " (DQS)", DnsNames.absolute(dqs.replace("{key}", key)),
        dqs.replace("{key}", dev.mailcheck.dns.SecretLabels.MASK), kinds, byDefault, Access.KEY, delist, codes, refusals,
        tests, null, source, verified);
  }
}
