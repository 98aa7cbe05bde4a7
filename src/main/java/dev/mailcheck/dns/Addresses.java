package dev.mailcheck.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as people read and write them: IPv6 in the RFC 5952 §4 canonical form
 * ({@code 2001:db8::25}, not Java's {@code 2001:db8:0:0:0:0:0:25}).
 */
public final class Addresses {
  private Addresses() {}

  /** The canonical text of an address. */
  public static String text(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    // RFC 5952 §4.2: the longest run of two or more zero groups becomes "::" (the first, on a tie).
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** {@code ip:port}, with an IPv6 address in brackets ({@code [::1]:53}, RFC 5952 §6). */
  public static String text(InetSocketAddress s) {
    InetAddress a = s.getAddress();
    String host = a instanceof Inet6Address ? "[" + text(a) + "]" : text(a);
    return host + ":" + s.getPort();
  }
}
