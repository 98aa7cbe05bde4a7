package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsAnswer;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * One subject (an address or a domain) on one list: the list's health, its answer and, for a
 * listing, the TXT reason the list gives. The answer counts only when the list is healthy.
 *
 * @param subject the address or domain as people write it
 * @param question the name asked (with a DQS key in it; show {@link DnsAnswer#question()} instead)
 * @param raw the A answer, or null when the name could not be built
 * @param reasons the TXT strings at the same name (RFC 5782 §2.1), empty when not fetched or none
 */
public record Lookup(BlockList list, String subject, Name question, Health health, ListAnswer answer, DnsAnswer raw,
    List<String> reasons) {

  public Lookup {
    reasons = List.copyOf(reasons);
  }

  /** Listed on a healthy list. */
  public boolean listed() {
    return health.healthy() && answer instanceof ListAnswer.Listed;
  }

  /** Not listed on a healthy list. */
  public boolean clean() {
    return health.healthy() && answer instanceof ListAnswer.Clean;
  }
}
