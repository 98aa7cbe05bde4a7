package dev.mailcheck.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Address ranges that cannot be a public sending IP: private (RFC 1918, RFC 4193), loopback,
 * link-local, shared (RFC 6598), documentation (RFC 5737, RFC 3849), multicast, reserved. Probes to
 * them are refused unless explicitly allowed, which also guards the bot against SSRF.
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
      if ((b[0] & 0xfe) == 0xfc) {
        return "private";
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
      return null;
    }
    return null;
  }
}
