package dev.mailcheck.owner;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;

/**
 * What an RDAP answer for an address says about the network it is in (RFC 9083 §5.4).
 *
 * @param url the URL that gave the answer (after redirects)
 * @param handle the registry's handle of the network, e.g. {@code 211.32.0.0 - 211.63.255.255}
 * @param name the network name, e.g. {@code KORNET}
 * @param start the first address of the network ({@code startAddress})
 * @param end the last address ({@code endAddress})
 * @param country the ISO 3166 code the registry gives, or null
 * @param holder the organisation that holds the network; never null (the network name when nothing better is given)
 * @param holderFrom where {@link #holder} was read from: {@code registrant}, {@code description},
 *     {@code administrative} or {@code name}
 * @param asn the origin AS the answer names (ARIN's {@code arin_originas0_originautnums}), or null
 * @param nationalRegistry the national registry the object comes from ({@code KRNIC}), or null
 * @param type the registry's allocation type, e.g. {@code ALLOCATED PORTABLE}, or null
 */
public record RdapNetwork(URI url, String handle, String name, InetAddress start, InetAddress end, String country,
    String holder, String holderFrom, Long asn, String nationalRegistry, String type) {

  /** Whether the address is inside the network. */
  public boolean contains(InetAddress a) {
    if (a.getAddress().length != start.getAddress().length) {
      return false;
    }
    BigInteger x = new BigInteger(1, a.getAddress());
    return x.compareTo(new BigInteger(1, start.getAddress())) >= 0 && x.compareTo(new BigInteger(1, end.getAddress())) <= 0;
  }

  /** The number of addresses in the network. */
  public BigInteger size() {
    return new BigInteger(1, end.getAddress()).subtract(new BigInteger(1, start.getAddress())).add(BigInteger.ONE);
  }

  /** The range as the report writes it: {@code 211.32.0.0 - 211.63.255.255}. */
  public String range() {
    return dev.mailcheck.dns.Addresses.text(start) + " - " + dev.mailcheck.dns.Addresses.text(end);
  }
}
