package dev.mailcheck.spf;

import java.net.InetAddress;
import java.util.Locale;

/**
 * One directive of a record: a qualifier and a mechanism (RFC 7208 §4.6.1, §5).
 *
 * @param domainSpec the unexpanded domain-spec (§7.1), or null when the mechanism has none
 * @param network the address of {@code ip4}/{@code ip6}, else null
 * @param cidr4 the IPv4 prefix length (32 when not given; §5.6)
 * @param cidr6 the IPv6 prefix length (128 when not given; §5.6)
 * @param text the directive as written in the record
 */
public record Mechanism(Qualifier qualifier, Kind kind, String domainSpec, InetAddress network, int cidr4, int cidr6,
    String text) {

  /** The eight mechanisms of §5. */
  public enum Kind {
    ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS;

    /** True for the mechanisms that cause DNS lookups and count toward the limit of 10 (§4.6.4). */
    public boolean queriesDns() {
      return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
