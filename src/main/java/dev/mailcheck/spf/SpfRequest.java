package dev.mailcheck.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The inputs of check_host() (RFC 7208 §4.1): the client address, the MAIL FROM and the HELO name.
 * When MAIL FROM is empty the HELO identity is checked, with sender {@code postmaster@<helo>} (§2.4);
 * a sender without a local part gets "postmaster" (§4.3).
 *
 * @param ip the client; an IPv4-mapped IPv6 address is treated as the IPv4 address (§5, RFC 4291 §2.5.5.2)
 * @param mailFrom the MAIL FROM address, or empty for a bounce
 * @param helo the HELO/EHLO name
 * @param receiver the receiving host's name for the {@code r} macro, or null for "unknown"
 */
public record SpfRequest(InetAddress ip, String mailFrom, String helo, String receiver) {

  public SpfRequest {
    ip = normalize(ip);
    mailFrom = mailFrom == null ? "" : mailFrom.strip();
    helo = helo == null ? "" : helo.strip();
  }

  public SpfRequest(InetAddress ip, String mailFrom, String helo) {
    this(ip, mailFrom, helo, null);
  }

  /** True when the HELO identity is checked (empty MAIL FROM, §2.4). */
  public boolean heloIdentity() {
    return mailFrom.isEmpty();
  }

  /** The full sender: {@code local@domain} (§4.3). */
  public String sender() {
    return localPart() + "@" + senderDomain();
  }

  public String localPart() {
    if (heloIdentity()) {
      return "postmaster";
    }
    int at = mailFrom.lastIndexOf('@');
    String local = at < 0 ? "" : mailFrom.substring(0, at);
    return local.isEmpty() ? "postmaster" : local;
  }

  /** The domain check_host() starts with: the MAIL FROM's domain, or the HELO name. */
  public String senderDomain() {
    if (heloIdentity()) {
      return helo;
    }
    int at = mailFrom.lastIndexOf('@');
    return at < 0 ? mailFrom : mailFrom.substring(at + 1);
  }

  /** Turns an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) into the IPv4 address it carries. */
  public static InetAddress normalize(InetAddress ip) {
    if (ip instanceof Inet6Address six) {
      byte[] b = six.getAddress();
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int k = 0; k < 10 && mapped; k++) {
        mapped = b[k] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return ip;
  }

  /**
   * Parses an IP address literal (dotted quad or RFC 4291 text form) without any DNS lookup;
   * null when the text is not one. An IPv4-mapped IPv6 address comes back as IPv4.
   */
  public static InetAddress parseAddress(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}")) {
      try {
        return InetAddress.getByName(t);
      } catch (UnknownHostException e) {
        return null;
      }
    }
    InetAddress six = SpfParser.parseIp6(t);
    return six == null ? null : normalize(six);
  }

  /** "ipv4" or "ipv6", for people. */
  public String family() {
    return (ip instanceof Inet4Address ? "ipv4" : "ipv6").toLowerCase(Locale.ROOT);
  }
}
