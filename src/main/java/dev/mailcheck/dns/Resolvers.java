package dev.mailcheck.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/** Parses resolver lists ({@code --dns}, {@code MAILCHECK_DNS}) and finds the system's. */
public final class Resolvers {
  private Resolvers() {}

  /**
   * Parses {@code ip}, {@code ip:port}, {@code [v6]:port} or a bare IPv6 address.
   *
   * @throws IllegalArgumentException with a sentence a user can act on
   */
  public static InetSocketAddress parse(String text) {
    String t = text.strip();
    String host = t;
    int port = 53;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw bad(text);
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw bad(text);
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = parsePort(t.substring(t.indexOf(':') + 1), text);
    }
    if (!org.xbill.DNS.Address.isDottedQuad(host) && host.indexOf(':') < 0) {
      throw bad(text);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (java.net.UnknownHostException e) {
      throw bad(text);
    }
  }

  /** Parses a comma- or space-separated list; blank entries are ignored. */
  public static List<InetSocketAddress> parseList(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String part : text.split("[,\\s]+")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    return out;
  }

  /** The resolvers in the system's configuration (resolv.conf and the like). */
  public static List<InetSocketAddress> system() {
    return List.copyOf(ResolverConfig.getCurrentConfig().servers());
  }

  private static int parsePort(String p, String whole) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw bad(whole);
      }
      return port;
    } catch (NumberFormatException e) {
      throw bad(whole);
    }
  }

  private static IllegalArgumentException bad(String text) {
    return new dev.mailcheck.target.InputException("input.dns-bad", dev.mailcheck.target.Echo.of(text));
  }
}
