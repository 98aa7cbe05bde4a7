package dev.mailcheck.dns;

import java.net.InetAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/** Small helpers for names: always absolute, so no resolver search list is ever applied. */
public final class DnsNames {
  private DnsNames() {}

  /** Parses a name and makes it absolute (RFC 1034 §3.1: a trailing dot is the root). */
  public static Name absolute(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new DnsClient.BadNameException(text, e);
    }
  }

  /** The reverse-lookup name of an address (RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5 ip6.arpa). */
  public static Name reverse(InetAddress address) {
    return ReverseMap.fromAddress(address);
  }

  /** A name without its trailing dot, for people. */
  public static String display(Name name) {
    return name.toString(true);
  }
}
