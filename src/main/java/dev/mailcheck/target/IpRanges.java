package dev.mailcheck.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Address ranges that cannot be a public sending IP: private (RFC 1918, RFC 4193), loopback,
 * link-local, shared (RFC 6598), documentation (RFC 5737, RFC 3849), multicast, reserved, and NAT64
 * addresses (RFC 6052) that embed one of those. Probes to them are refused unless explicitly
 * allowed, which also guards the bot against SSRF.
 */
public final class IpRanges {
  private IpRanges() {}

  /** A short name of the special range the address is in, or null for an ordinary public address. */
  public static String specialRange(InetAddress a) {
    if (a instanceof Inet4Address) {
      byte[] b = a.getAddress();
      int x = b[0] & 0xff;
      int y = b[1] & 0xff;
      int z = b[2] & 0xff;
      if (x == 10 || (x == 172 && y >= 16 && y <= 31) || (x == 192 && y == 168)) {
        return "private";
      }
      if (x == 127) {
        return "loopback";
      }
      if (x == 169 && y == 254) {
        return "link-local";
      }
      if (x == 100 && y >= 64 && y <= 127) {
        return "shared (carrier-grade NAT)";
      }
      if ((x == 192 && y == 0 && z == 2) || (x == 198 && y == 51 && z == 100) || (x == 203 && y == 0 && z == 113)) {
        return "documentation";
      }
      if (x == 0) {
        return "unspecified";
      }
      if (x >= 224) {
        return x < 240 ? "multicast" : "reserved";
      }
      if (x == 198 && (y == 18 || y == 19)) {
        return "benchmarking";
      }
      if (x == 192 && y == 0 && z == 0) {
        return "IETF protocol assignment"; // RFC 6890 §2.2.2: 192.0.0.0/24
      }
      return null;
    }
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      int h0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
      int h1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      if (a.isLoopbackAddress()) {
        return "loopback";
      }
      if (a.isAnyLocalAddress()) {
        return "unspecified";
      }
      if ((b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress()) {
        return "private";
      }
      if (h0 == 0x0064 && h1 == 0xff9b) {
        // NAT64 (RFC 6052 well-known prefix, RFC 8215 local-use, as /96 prefixes): the IPv4 address
        // in the last 32 bits is what a NAT64 gateway connects to, so its range is what counts.
        try {
          String inner = specialRange(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
          if (inner != null) {
            return inner;
          }
        } catch (java.net.UnknownHostException impossible) {
          return "reserved";
        }
      }
      if (a.isLinkLocalAddress()) {
        return "link-local";
      }
      if ((b[0] & 0xff) == 0xff) {
        return "multicast";
      }
      if (h0 == 0x2001 && h1 == 0x0db8) {
        return "documentation";
      }
      if (h0 == 0x0100 && h1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
        return "discard-only"; // RFC 6666: 100::/64
      }
      if (h0 == 0x2001 && (h1 & 0xfff0) == 0x0010) {
        return "ORCHID"; // RFC 4843: 2001:10::/28
      }
      if (h0 == 0x2002) {
        // 6to4 (RFC 3056): the IPv4 address in bits 16-47 is where the traffic really goes.
        try {
          String inner = specialRange(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 2, 6)));
          if (inner != null) {
            return inner;
          }
        } catch (java.net.UnknownHostException impossible) {
          return "reserved";
        }
      }
      return null;
    }
    return null;
  }
}
