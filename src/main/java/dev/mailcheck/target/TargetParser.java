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
 * {@code <mailto:a@x|a@x>} wrappings. Anything else is refused with one sentence ({@link Sentence}, in the
 * reader's language) saying what is accepted; the input is echoed through {@link Echo}.
 */
public final class TargetParser {
  private final boolean allowPrivate;

  /** @param allowPrivate accept private, loopback and documentation addresses as sending IPs */
  public TargetParser(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public Target parse(String input) throws BadTargetException {
    if (input == null || input.isBlank()) {
      throw new BadTargetException("input.empty");
    }
    String raw = input.strip();
    String shown = Echo.of(raw);
    if (raw.length() > 512) {
      throw new BadTargetException("input.too-long", shown);
    }
    String t = unwrap(raw);
    if (t.contains("/") && !t.contains("://")) {
      String before = t.substring(0, t.indexOf('/'));
      if (looksLikeIp(before) && t.substring(t.indexOf('/') + 1).matches("\\d{1,3}")) {
        throw new BadTargetException("input.range", shown, before);
      }
      // A URL pasted without its scheme (example.com/contact): the host is what counts.
      t = before;
    }
    t = hostOf(t, shown);
    if (looksLikeIp(t)) {
      return ip(shown, raw, t);
    }
    return domain(shown, raw, t);
  }

  /** Parses an address given as a sending IP ({@code --from}). */
  public InetAddress parseIp(String input) throws BadTargetException {
    String t = input == null ? "" : input.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (!looksLikeIp(t)) {
      throw new BadTargetException("input.not-ip", Echo.of(input));
    }
    return ip(Echo.of(input), input, t).ip();
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

  private static String hostOf(String t, String shown) throws BadTargetException {
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
        throw new BadTargetException("input.bad-url", shown);
      }
    }
    int at = t.lastIndexOf('@');
    if (at >= 0) {
      if (t.indexOf('@') != at) {
        throw new BadTargetException("input.two-at", shown);
      }
      t = t.substring(at + 1);
      if (t.isEmpty()) {
        throw new BadTargetException("input.empty-after-at", shown);
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

  static boolean looksLikeIp(String t) {
    return t.indexOf(':') >= 0 || t.matches("[0-9.]+");
  }

  private Target ip(String shown, String raw, String t) throws BadTargetException {
    byte[] bytes = t.indexOf(':') >= 0 ? Address.toByteArray(t, Address.IPv6) : Address.toByteArray(t, Address.IPv4);
    if (bytes == null) {
      throw new BadTargetException("input.bad-ip", shown);
    }
    InetAddress a;
    try {
      a = InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new BadTargetException("input.bad-ip", shown);
    }
    String range = IpRanges.specialRange(a);
    if (range != null && !allowPrivate) {
      throw new BadTargetException("input.special-ip", shown, new Sentence("input.range." + range.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")
          .replaceAll("-$", "")));
    }
    String text = dev.mailcheck.dns.Addresses.text(a);
    return new Target(raw, Target.Kind.IP, text, text, a);
  }

  private static Target domain(String shown, String raw, String t) throws BadTargetException {
    String name = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    if (name.contains("*")) {
      throw new BadTargetException("input.wildcard", shown);
    }
    if (name.isEmpty() || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
      throw new BadTargetException("input.empty-label", shown);
    }
    String[] typed = name.split("\\.");
    String[] ascii = new String[typed.length];
    String[] unicode = new String[typed.length];
    for (int i = 0; i < typed.length; i++) {
      String label = typed[i];
      if (label.length() > 63) {
        throw new BadTargetException("input.label-too-long", shown);
      }
      if (label.indexOf('\u200c') >= 0 || label.indexOf('\u200d') >= 0) {
        // IDNA2008 allows the joiners only after a virama (RFC 5892 A.1, A.2); IDNA2003 would drop them.
        throw new BadTargetException("input.joiner", shown);
      }
      String a;
      String u;
      try {
        if (label.indexOf('\u00df') >= 0 || label.indexOf('\u03c2') >= 0) {
          // ß and ς: IDNA2008 keeps them (faß.de is xn--fa-hia.de); java.net.IDN (IDNA2003) would map them away.
          u = java.text.Normalizer.normalize(label.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
          IDN.toASCII(u.replace("\u00df", "").replace("\u03c2", "\u03c3"), IDN.ALLOW_UNASSIGNED); // the other characters' rules
          a = "xn--" + Punycode.encode(u);
        } else {
          a = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
          u = IDN.toUnicode(a, IDN.ALLOW_UNASSIGNED);
          if (a.startsWith("xn--") && u.equals(a)) {
            // toUnicode hands back an A-label it cannot decode unchanged: that is not a real IDN label.
            throw new BadTargetException("input.bad-punycode", shown);
          }
        }
      } catch (IllegalArgumentException e) {
        throw new BadTargetException("input.bad-domain", shown);
      }
      ascii[i] = a;
      unicode[i] = u;
    }
    String joined = String.join(".", ascii);
    if (joined.length() > 253) {
      throw new BadTargetException("input.name-too-long", shown);
    }
    if (ascii.length < 2) {
      throw new BadTargetException("input.no-dot", shown);
    }
    for (String label : ascii) {
      if (label.length() > 63) {
        throw new BadTargetException("input.label-too-long", shown);
      }
      if (!label.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?")) {
        throw new BadTargetException("input.bad-chars", shown);
      }
    }
    if (ascii[ascii.length - 1].matches("[0-9]+")) {
      throw new BadTargetException("input.numeric-tld", shown);
    }
    return new Target(raw, Target.Kind.DOMAIN, joined, String.join(".", unicode), null);
  }

  /**
   * The A-label form of a domain name for a DNS question, by the same IDNA rules as a target; null
   * when it cannot be converted (the caller decides what that means, e.g. SPF's "none", RFC 7208 §4.3).
   */
  public static String aLabels(String name) {
    if (name.chars().allMatch(c -> c < 0x80)) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (String label : name.split("\\.", -1)) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      if (label.chars().allMatch(c -> c < 0x80)) {
        out.append(label);
        continue;
      }
      try {
        if (label.indexOf('\u00df') >= 0 || label.indexOf('\u03c2') >= 0) {
          String u = java.text.Normalizer.normalize(label.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
          IDN.toASCII(u.replace("\u00df", "").replace("\u03c2", "\u03c3"), IDN.ALLOW_UNASSIGNED);
          out.append("xn--").append(Punycode.encode(u));
        } else if (label.indexOf('\u200c') >= 0 || label.indexOf('\u200d') >= 0) {
          return null;
        } else {
          out.append(IDN.toASCII(label, IDN.ALLOW_UNASSIGNED));
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out.toString();
  }
}
