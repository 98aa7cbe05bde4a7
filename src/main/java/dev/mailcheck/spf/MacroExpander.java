package dev.mailcheck.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The macro language of RFC 7208 §7: checks a macro-string's syntax and expands it.
 *
 * <p>Letters {@code s l o d i p h v} may appear anywhere; {@code c r t} only in explanation strings
 * (§7.2). An upper-case letter URL-escapes its value (§7.3, RFC 3986 unreserved characters kept).
 * Transformers are a non-zero count of right-hand parts and an optional {@code r} for reversal;
 * delimiters default to "." and the parts are always rejoined with "." (§7.3). {@code %%}, {@code %_}
 * and {@code %-} stand for "%", a space and "%20" (§7.1).
 */
public final class MacroExpander {
  private static final String DELIMITERS = ".-+,/_=";
  private static final String PLAIN_LETTERS = "slodiphv";
  private static final String EXP_LETTERS = "crt";

  private MacroExpander() {}

  /**
   * What the letters stand for in one evaluation (§7.2).
   *
   * @param sender the full sender, {@code local@domain} (§4.3: "postmaster" when the local part is empty)
   * @param localPart {@code l}
   * @param senderDomain {@code o}
   * @param domain {@code d}: the domain whose record is being evaluated
   * @param ip {@code i}/{@code c}/{@code v}: the client address (IPv4-mapped addresses already as IPv4)
   * @param helo {@code h}
   * @param validatedName {@code p}, or null for "unknown"
   * @param receiver {@code r}, or null for "unknown"
   * @param timestamp {@code t}, seconds since the epoch
   */
  public record Values(String sender, String localPart, String senderDomain, String domain, InetAddress ip, String helo,
      String validatedName, String receiver, long timestamp) {

    public Values withDomain(String d) {
      return new Values(sender, localPart, senderDomain, d, ip, helo, validatedName, receiver, timestamp);
    }

    public Values withValidatedName(String p) {
      return new Values(sender, localPart, senderDomain, domain, ip, helo, p, receiver, timestamp);
    }
  }

  /** Checks a domain-spec's or modifier value's macro-string (§7.1), where {@code c r t} are not allowed. */
  public static void validate(String macroString) throws SpfSyntaxException {
    scan(macroString, false, null, null);
  }

  /** Checks an explanation string (§6.2: {@code explain-string}, spaces and {@code c r t} allowed). */
  public static void validateExplanation(String text) throws SpfSyntaxException {
    scan(text, true, null, null);
  }

  /** True when the string uses the {@code p} macro, which needs DNS lookups to expand (§5.5, §7.2). */
  public static boolean usesValidatedName(String macroString) {
    try {
      List<Character> letters = new ArrayList<>();
      scan(macroString, true, null, letters);
      return letters.contains('p');
    } catch (SpfSyntaxException e) {
      return false;
    }
  }

  /** True when the string uses a macro that depends on the client or the sender ({@code s l o i p h c v}). */
  public static boolean dependsOnClient(String macroString) {
    try {
      List<Character> letters = new ArrayList<>();
      scan(macroString, true, null, letters);
      return letters.stream().anyMatch(c -> "sloiphcv".indexOf(c) >= 0);
    } catch (SpfSyntaxException e) {
      return false;
    }
  }

  /** Expands a domain-spec or modifier value (§7.1). */
  public static String expand(String macroString, Values values) throws SpfSyntaxException {
    StringBuilder out = new StringBuilder();
    scan(macroString, false, new Expansion(values, out), null);
    return out.toString();
  }

  /** Expands an explanation string (§6.2). */
  public static String expandExplanation(String text, Values values) throws SpfSyntaxException {
    StringBuilder out = new StringBuilder();
    scan(text, true, new Expansion(values, out), null);
    return out.toString();
  }

  private record Expansion(Values values, StringBuilder out) {}

  private static void scan(String s, boolean explanation, Expansion exp, List<Character> letters) throws SpfSyntaxException {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '%') {
        boolean visible = c >= 0x21 && c <= 0x7e;
        if (!visible && !(explanation && c == ' ')) {
          throw new SpfSyntaxException("spf.parse.macro-char", describe(c), s);
        }
        if (exp != null) {
          exp.out.append(c);
        }
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        throw new SpfSyntaxException("spf.parse.macro-lone", s);
      }
      char n = s.charAt(i + 1);
      switch (n) {
        case '%' -> append(exp, "%");
        case '_' -> append(exp, " ");
        case '-' -> append(exp, "%20");
        case '{' -> {
          int close = s.indexOf('}', i + 2);
          if (close < 0) {
            throw new SpfSyntaxException("spf.parse.macro-unterminated", s);
          }
          macro(s.substring(i + 2, close), explanation, exp, letters);
          i = close + 1;
          continue;
        }
        default -> throw new SpfSyntaxException("spf.parse.macro-escape", "%" + n, s);
      }
      i += 2;
    }
  }

  private static void append(Expansion exp, String text) {
    if (exp != null) {
      exp.out.append(text);
    }
  }

  private static void macro(String body, boolean explanation, Expansion exp, List<Character> letters) throws SpfSyntaxException {
    if (body.isEmpty()) {
      throw new SpfSyntaxException("spf.parse.macro-empty");
    }
    char raw = body.charAt(0);
    char letter = Character.toLowerCase(raw);
    if (PLAIN_LETTERS.indexOf(letter) < 0 && !(explanation && EXP_LETTERS.indexOf(letter) >= 0)) {
      throw new SpfSyntaxException(EXP_LETTERS.indexOf(letter) >= 0 ? "spf.parse.macro-exp-only" : "spf.parse.macro-letter", "%{" + raw + "}");
    }
    int j = 1;
    while (j < body.length() && Character.isDigit(body.charAt(j))) {
      j++;
    }
    int keep = 0;
    if (j > 1) {
      String digits = body.substring(1, j);
      keep = digits.length() > 3 ? 999 : Integer.parseInt(digits);
      if (keep == 0) {
        throw new SpfSyntaxException("spf.parse.macro-zero", "%{" + body + "}");
      }
    }
    boolean reverse = false;
    if (j < body.length() && Character.toLowerCase(body.charAt(j)) == 'r') {
      reverse = true;
      j++;
    }
    String delimiters = body.substring(j);
    for (char d : delimiters.toCharArray()) {
      if (DELIMITERS.indexOf(d) < 0) {
        throw new SpfSyntaxException("spf.parse.macro-delimiter", "%{" + body + "}", String.valueOf(d));
      }
    }
    if (letters != null) {
      letters.add(letter);
    }
    if (exp == null) {
      return;
    }
    String value = value(letter, exp.values);
    if (j > 1 || !delimiters.isEmpty()) {
      value = transform(value, keep, reverse, delimiters.isEmpty() ? "." : delimiters);
    }
    exp.out.append(Character.isUpperCase(raw) ? urlEscape(value) : value);
  }

  private static String value(char letter, Values v) {
    return switch (letter) {
      case 's' -> v.sender();
      case 'l' -> v.localPart();
      case 'o' -> v.senderDomain();
      case 'd' -> v.domain();
      case 'i' -> dotted(v.ip());
      case 'p' -> v.validatedName() == null ? "unknown" : v.validatedName();
      case 'v' -> v.ip() instanceof Inet4Address ? "in-addr" : "ip6";
      case 'h' -> v.helo();
      case 'c' -> dev.mailcheck.dns.Addresses.text(v.ip()); // RFC 7208 §7.3: the address in its readable form
      case 'r' -> v.receiver() == null ? "unknown" : v.receiver();
      case 't' -> Long.toString(v.timestamp());
      default -> throw new IllegalStateException("letter " + letter);
    };
  }

  /**
   * {@code i}: IPv4 in dotted quad; IPv6 as 32 dot-separated nibbles (§7.3). Upper-case hex as the
   * RFC 7208 test suite expects in explanations; DNS names compare case-insensitively either way.
   */
  static String dotted(InetAddress ip) {
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress();
    }
    StringBuilder b = new StringBuilder(63);
    for (byte x : ip.getAddress()) {
      if (!b.isEmpty()) {
        b.append('.');
      }
      b.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16))).append('.')
          .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
    }
    return b.toString();
  }

  private static String transform(String value, int keep, boolean reverse, String delimiters) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (delimiters.indexOf(c) >= 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    if (reverse) {
      Collections.reverse(parts);
    }
    if (keep > 0 && keep < parts.size()) {
      parts = parts.subList(parts.size() - keep, parts.size());
    }
    return String.join(".", parts);
  }

  /** Percent-encodes all but RFC 3986 §2.3 unreserved characters. */
  static String urlEscape(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  static String describe(char c) {
    return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format(Locale.ROOT, "0x%02X", (int) c);
  }
}
