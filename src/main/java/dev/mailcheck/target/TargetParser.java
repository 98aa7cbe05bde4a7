package dev.mailcheck.target;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.xbill.DNS.Address;

/**
 * Turns what a user typed into a {@link Target}: a domain (IDN converted to A-labels per RFC 5891),
 * an IPv4/IPv6 address, {@code user@domain}, a URL, or Slack's {@code <http://x|x>} and
 * {@code <mailto:a@x|a@x>} wrappings. Anything else is refused with one sentence saying what is accepted.
 */
public final class TargetParser {
  static final String ACCEPTED =
      "give a domain (example.com), an IP address (203.0.113.5 or 2001:db8::25) or an e-mail address (user@example.com)";

  private final boolean allowPrivate;

  /** @param allowPrivate accept private, loopback and documentation addresses as sending IPs */
  public TargetParser(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public Target parse(String input) throws BadTargetException {
    if (input == null || input.isBlank()) {
      throw new BadTargetException("Nothing to check: " + ACCEPTED + ".");
    }
    String raw = input.strip();
    if (raw.length() > 512) {
      throw new BadTargetException("That input is too long to be a domain or an address: " + ACCEPTED + ".");
    }
    String t = unwrap(raw);
    if (t.contains("/") && !t.contains("://")) {
      String before = t.substring(0, t.indexOf('/'));
      if (looksLikeIp(before) && t.substring(t.indexOf('/') + 1).matches("\\d{1,3}")) {
        throw new BadTargetException("'" + raw + "' is an address range; check one address here, or scan a range with 'mailcheck scan CIDR'.");
      }
      // A URL pasted without its scheme (example.com/contact): the host is what counts.
      t = before;
    }
    t = hostOf(t, raw);
    if (looksLikeIp(t)) {
      return ip(raw, t);
    }
    return domain(raw, t);
  }

  /** Parses an address given as a sending IP ({@code --from}). */
  public InetAddress parseIp(String input) throws BadTargetException {
    String t = input == null ? "" : input.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (!looksLikeIp(t)) {
      throw new BadTargetException("'" + input + "' is not an IP address; give an IPv4 (203.0.113.5) or IPv6 (2001:db8::25) address.");
    }
    return ip(input, t).ip();
  }

  private static String unwrap(String t) {
    if (t.startsWith("<") && t.endsWith(">")) {
      t = t.substring(1, t.length() - 1);
      int bar = t.indexOf('|');
      if (bar >= 0) {
        t = t.substring(0, bar);
      }
    }
    if (t.regionMatches(true, 0, "mailto:", 0, 7)) {
      t = t.substring(7);
      int q = t.indexOf('?');
      if (q >= 0) {
        t = t.substring(0, q);
      }
    }
    return t.strip();
  }

  private static String hostOf(String t, String raw) throws BadTargetException {
    if (t.contains("://")) {
      try {
        URI uri = new URI(t);
        String host = uri.getHost();
        if (host == null) {
          // URI refuses IDN hosts; take the authority by hand.
          String rest = t.substring(t.indexOf("://") + 3);
          host = rest.split("[/?#]", 2)[0];
          int at = host.lastIndexOf('@');
          host = at >= 0 ? host.substring(at + 1) : host;
          if (!host.startsWith("[") && host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
          }
        }
        t = host;
      } catch (URISyntaxException e) {
        throw new BadTargetException("'" + raw + "' is not a URL that names a host: " + ACCEPTED + ".");
      }
    }
    int at = t.lastIndexOf('@');
    if (at >= 0) {
      if (t.indexOf('@') != at) {
        throw new BadTargetException("'" + raw + "' has more than one @; give one e-mail address such as user@example.com, or just the domain.");
      }
      t = t.substring(at + 1);
      if (t.isEmpty()) {
        throw new BadTargetException("'" + raw + "' has nothing after the @: " + ACCEPTED + ".");
      }
    }
    // host:port as pasted from mail client settings: mail.example.com:587, [2001:db8::1]:25.
    java.util.regex.Matcher hostPort = HOST_PORT.matcher(t);
    if (hostPort.matches()) {
      t = hostPort.group(1) != null ? hostPort.group(1) : hostPort.group(2);
    }
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static final java.util.regex.Pattern HOST_PORT =
      java.util.regex.Pattern.compile("\\[([^\\]]+)]:\\d{1,5}|([^:\\[\\]]+):\\d{1,5}");

  /** IDNA2008 deviation characters (UTS #46 §2.3): ß, final sigma, ZWNJ, ZWJ. */
  private static final String DEVIATIONS = "\u00df\u03c2\u200c\u200d";

  static boolean looksLikeIp(String t) {
    return t.indexOf(':') >= 0 || t.matches("[0-9.]+");
  }

  private Target ip(String raw, String t) throws BadTargetException {
    byte[] bytes = t.indexOf(':') >= 0 ? Address.toByteArray(t, Address.IPv6) : Address.toByteArray(t, Address.IPv4);
    if (bytes == null) {
      throw new BadTargetException("'" + raw + "' is not a valid IP address: " + ACCEPTED + ".");
    }
    InetAddress a;
    try {
      a = InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new BadTargetException("'" + raw + "' is not a valid IP address: " + ACCEPTED + ".");
    }
    String range = IpRanges.specialRange(a);
    if (range != null && !allowPrivate) {
      throw new BadTargetException("'" + raw + "' is " + (range.matches("[aeiou].*") ? "an " : "a ") + range
          + " address, which cannot send mail on the internet; give the public IP your server sends from.");
    }
    String text = dev.mailcheck.dns.Addresses.text(a);
    return new Target(raw, Target.Kind.IP, text, text, a);
  }

  private static Target domain(String raw, String t) throws BadTargetException {
    String name = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    if (name.contains("*")) {
      throw new BadTargetException("'" + raw + "' contains a wildcard; give one real domain name, e.g. example.com.");
    }
    if (name.isEmpty() || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
      throw new BadTargetException("'" + raw + "' has an empty label (two dots in a row or a leading dot): " + ACCEPTED + ".");
    }
    for (String label : name.split("\\.")) {
      if (label.length() > 63) {
        throw new BadTargetException("'" + raw + "' has a label longer than 63 characters, which DNS does not allow.");
      }
    }
    if (name.chars().anyMatch(c -> DEVIATIONS.indexOf(c) >= 0)) {
      // java.net.IDN is IDNA2003, which maps these away (faß.de -> fass.de): that would check another domain.
      throw new BadTargetException("'" + raw + "' contains ß, ς or an invisible joiner, which older IDN rules turn into a different domain;"
          + " give the name in its xn-- (A-label) form.");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new BadTargetException("'" + raw + "' is not a valid domain name: " + ACCEPTED + ".");
    }
    if (ascii.length() > 253) {
      throw new BadTargetException("'" + raw + "' is longer than the 253 characters a domain name may have.");
    }
    String[] labels = ascii.split("\\.");
    if (labels.length < 2) {
      throw new BadTargetException("'" + raw + "' is not a full domain name (it has no dot): " + ACCEPTED + ".");
    }
    for (String label : labels) {
      if (label.length() > 63) {
        throw new BadTargetException("'" + raw + "' has a label longer than 63 characters, which DNS does not allow.");
      }
      if (!label.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?")) {
        throw new BadTargetException("'" + raw + "' is not a valid domain name (letters, digits and hyphens only, no hyphen at a label's start or end): "
            + ACCEPTED + ".");
      }
    }
    if (labels[labels.length - 1].matches("[0-9]+")) {
      throw new BadTargetException("'" + raw + "' is not a valid IP address or domain name: " + ACCEPTED + ".");
    }
    String unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
    for (String label : ascii.split("\\.")) {
      // toUnicode hands back an A-label it cannot decode unchanged: that is not a real IDN label.
      if (label.startsWith("xn--") && IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED).equals(label)) {
        throw new BadTargetException("'" + raw + "' has an xn-- label that is not valid punycode: " + ACCEPTED + ".");
      }
    }
    return new Target(raw, Target.Kind.DOMAIN, ascii, unicode, null);
  }
}
