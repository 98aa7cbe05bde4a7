package dev.mailcheck.target;

import java.util.regex.Pattern;

/**
 * The shapes of the names a user may hand us besides the target: a HELO/EHLO name and a DKIM
 * selector. One rule for the CLI and the Slack bot, so neither accepts what the other refuses.
 */
public final class MailNames {
  /**
   * RFC 5321 §4.1.1.1: EHLO takes a domain (letter-digit-hyphen labels, no empty label, an
   * optional final dot) or an address literal in brackets (§4.1.3).
   */
  private static final Pattern HELO = Pattern.compile(
      "(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?|\\[[0-9a-f:.]+]|\\[IPv6:[0-9a-f:.]+]");

  /**
   * RFC 6376 §3.1: a selector is one or more dot-separated labels; in practice labels carry
   * underscores too, so they are allowed. No empty label, none longer than 63 characters.
   */
  private static final Pattern SELECTOR = Pattern.compile(
      "(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

  /** Longest name DNS can carry (RFC 1035 §2.3.4), which bounds both. */
  private static final int MAX_NAME = 253;

  private MailNames() {}

  /** Whether {@code name} can be what a server announces in HELO/EHLO. */
  public static boolean isHeloName(String name) {
    return name != null && name.length() <= MAX_NAME && HELO.matcher(name).matches()
        && (!name.startsWith("[") || heloLiteral(name) != null);
  }

  /**
   * The address of an address-literal HELO name ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]},
   * RFC 5321 §4.1.3), or null when the name is not one or the address inside is not valid.
   */
  public static java.net.InetAddress heloLiteral(String name) {
    if (name == null || !name.startsWith("[") || !name.endsWith("]")) {
      return null;
    }
    String inside = name.substring(1, name.length() - 1);
    boolean six = inside.regionMatches(true, 0, "IPv6:", 0, 5);
    String text = six ? inside.substring(5) : inside;
    // An IPv4 literal is a dotted quad; an IPv6 one must carry the "IPv6:" tag (§4.1.3).
    int family = six ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4;
    byte[] bytes = org.xbill.DNS.Address.toByteArray(text, family);
    if (bytes == null) {
      return null;
    }
    try {
      return java.net.InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException impossible) {
      return null;
    }
  }

  /** Whether {@code selector} is a DKIM selector (the part before {@code ._domainkey}). */
  public static boolean isSelector(String selector) {
    return selector != null && selector.length() <= MAX_NAME && SELECTOR.matcher(selector).matches();
  }
}
