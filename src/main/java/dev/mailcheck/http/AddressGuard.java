package dev.mailcheck.http;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.target.IpRanges;
import java.net.InetAddress;

/**
 * The SSRF rule: no connection to private, loopback, link-local, shared, documentation,
 * multicast or other special-use addresses (RFC 6890) unless the operator allowed it. Applied after
 * name resolution, so a public name that resolves to 10.0.0.1 is refused like the literal.
 */
final class AddressGuard {
  private final boolean allowPrivate;

  AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Why the address is refused, or null when it may be connected to. */
  String refusal(InetAddress address) {
    if (allowPrivate) {
      return null;
    }
    String range = IpRanges.specialRange(address);
    return range == null ? null : Addresses.text(address) + " (" + range + ")";
  }

  /** Throws when the address may not be connected to. */
  void check(String host, InetAddress address) throws BlockedAddressException {
    String why = refusal(address);
    if (why != null) {
      throw blocked(host, why);
    }
  }

  static BlockedAddressException blocked(String host, String why) {
    String what = why.startsWith(host + " ") ? why : host + ": it resolves to " + why;
    return new BlockedAddressException("mailcheck does not connect to " + what
        + ", a special-use address; set MAILCHECK_ALLOW_PRIVATE=1 to allow it.");
  }
}
