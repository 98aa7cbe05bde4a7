package dev.mailcheck.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a record by the ABNF of RFC 7208 §12. Any syntax error anywhere makes the whole record a
 * permerror (§4.6), so the parser checks every term, including domain-specs (§7.1) and the values
 * of unknown modifiers, before evaluation starts.
 */
final class SpfParser {
  /** §4.6.1: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), followed by "=". */
  private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)=(.*)", Pattern.DOTALL);
  /** §7.1 toplabel: not all-numeric, no leading or trailing dash. */
  private static final Pattern TOPLABEL = Pattern.compile("([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9\\-]*[A-Za-z0-9])");
  /** §5.6 dual-cidr-length at the end of an a/mx argument. */
  private static final Pattern CIDR6_SUFFIX = Pattern.compile("//(0|[1-9][0-9]{0,2})$");
  private static final Pattern CIDR4_SUFFIX = Pattern.compile("/(0|[1-9][0-9]?)$");
  private static final Pattern DEC_OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]");

  private SpfParser() {}

  static SpfRecord parse(String text) throws SpfSyntaxException {
    if (!SpfRecords.isSpf(text)) {
      throw new SpfSyntaxException("spf.parse.version");
    }
    List<Mechanism> mechanisms = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    String redirect = null;
    String exp = null;
    // §4.6.1: terms are separated by one or more spaces (only SP, no other white space).
    for (String term : text.substring(6).split(" ")) {
      if (term.isEmpty()) {
        continue;
      }
      for (char c : term.toCharArray()) {
        if (c < 0x21 || c > 0x7e) {
          throw new SpfSyntaxException("spf.parse.char", printable(term), MacroExpander.describe(c));
        }
      }
      Matcher m = MODIFIER.matcher(term);
      if (m.matches()) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2);
        switch (name) {
          case "redirect" -> {
            if (redirect != null) {
              throw new SpfSyntaxException("spf.parse.twice", "redirect=");
            }
            redirect = domainSpec(value, term);
          }
          case "exp" -> {
            if (exp != null) {
              throw new SpfSyntaxException("spf.parse.twice", "exp=");
            }
            exp = domainSpec(value, term);
          }
          default -> {
            // §6: unknown modifiers are ignored, but their value must still be a macro-string.
            MacroExpander.validate(value);
            unknown.add(term);
          }
        }
        continue;
      }
      mechanisms.add(mechanism(term));
    }
    return new SpfRecord(text, mechanisms, redirect, exp, unknown);
  }

  private static Mechanism mechanism(String term) throws SpfSyntaxException {
    Qualifier q = Qualifier.of(term.charAt(0));
    String body = q == null ? term : term.substring(1);
    if (q == null) {
      q = Qualifier.PLUS;
    }
    int end = 0;
    while (end < body.length() && body.charAt(end) != ':' && body.charAt(end) != '/') {
      end++;
    }
    String name = body.substring(0, end).toLowerCase(Locale.ROOT);
    String rest = body.substring(end);
    Mechanism.Kind kind = switch (name) {
      case "all" -> Mechanism.Kind.ALL;
      case "include" -> Mechanism.Kind.INCLUDE;
      case "a" -> Mechanism.Kind.A;
      case "mx" -> Mechanism.Kind.MX;
      case "ptr" -> Mechanism.Kind.PTR;
      case "ip4" -> Mechanism.Kind.IP4;
      case "ip6" -> Mechanism.Kind.IP6;
      case "exists" -> Mechanism.Kind.EXISTS;
      default -> throw new SpfSyntaxException("spf.parse.unknown", term);
    };
    return switch (kind) {
      case ALL -> {
        if (!rest.isEmpty()) {
          throw new SpfSyntaxException("spf.parse.all-argument", term);
        }
        yield new Mechanism(q, kind, null, null, 32, 128, term);
      }
      case INCLUDE, EXISTS -> {
        // §5.2, §5.7: a domain-spec is required and no CIDR length is allowed.
        if (!rest.startsWith(":")) {
          throw new SpfSyntaxException("spf.parse.needs-domain", term, name);
        }
        yield new Mechanism(q, kind, domainSpec(rest.substring(1), term), null, 32, 128, term);
      }
      case PTR -> {
        if (rest.startsWith("/")) {
          throw new SpfSyntaxException("spf.parse.no-cidr", term);
        }
        yield new Mechanism(q, kind, rest.isEmpty() ? null : domainSpec(rest.substring(1), term), null, 32, 128, term);
      }
      case A, MX -> addressMechanism(q, kind, rest, term);
      case IP4 -> ip4(q, rest, term);
      case IP6 -> ip6(q, rest, term);
    };
  }

  /** §5.3, §5.4: {@code [":" domain-spec] [dual-cidr-length]}. */
  private static Mechanism addressMechanism(Qualifier q, Mechanism.Kind kind, String rest, String term) throws SpfSyntaxException {
    int cidr6 = 128;
    int cidr4 = 32;
    Matcher six = CIDR6_SUFFIX.matcher(rest);
    if (six.find()) {
      cidr6 = cidr(six.group(1), 128, term);
      rest = rest.substring(0, six.start());
    }
    Matcher four = CIDR4_SUFFIX.matcher(rest);
    if (four.find()) {
      cidr4 = cidr(four.group(1), 32, term);
      rest = rest.substring(0, four.start());
    }
    String spec = null;
    if (rest.startsWith(":")) {
      spec = domainSpec(rest.substring(1), term);
    } else if (!rest.isEmpty()) {
      throw new SpfSyntaxException("spf.parse.cidr", term);
    }
    return new Mechanism(q, kind, spec, null, cidr4, cidr6, term);
  }

  private static Mechanism ip4(Qualifier q, String rest, String term) throws SpfSyntaxException {
    if (!rest.startsWith(":")) {
      throw new SpfSyntaxException("spf.parse.needs-address", term, "ip4");
    }
    String arg = rest.substring(1);
    int cidr = 32;
    int slash = arg.indexOf('/');
    if (slash >= 0) {
      String len = arg.substring(slash + 1);
      if (!len.matches("0|[1-9][0-9]?")) {
        throw new SpfSyntaxException("spf.parse.cidr", term);
      }
      cidr = cidr(len, 32, term);
      arg = arg.substring(0, slash);
    }
    String[] octets = arg.split("\\.", -1);
    if (octets.length != 4) {
      throw new SpfSyntaxException("spf.parse.ip4", term, arg);
    }
    byte[] bytes = new byte[4];
    for (int k = 0; k < 4; k++) {
      if (!DEC_OCTET.matcher(octets[k]).matches()) {
        throw new SpfSyntaxException("spf.parse.ip4", term, arg);
      }
      bytes[k] = (byte) Integer.parseInt(octets[k]);
    }
    try {
      return new Mechanism(q, Mechanism.Kind.IP4, null, InetAddress.getByAddress(bytes), cidr, 128, term);
    } catch (UnknownHostException e) {
      throw new SpfSyntaxException("spf.parse.ip4", term, arg);
    }
  }

  private static Mechanism ip6(Qualifier q, String rest, String term) throws SpfSyntaxException {
    if (!rest.startsWith(":")) {
      throw new SpfSyntaxException("spf.parse.needs-address", term, "ip6");
    }
    String arg = rest.substring(1);
    int cidr = 128;
    int slash = arg.indexOf('/');
    if (slash >= 0) {
      String len = arg.substring(slash + 1);
      if (!len.matches("0|[1-9][0-9]{0,2}")) {
        throw new SpfSyntaxException("spf.parse.cidr", term);
      }
      cidr = cidr(len, 128, term);
      arg = arg.substring(0, slash);
    }
    InetAddress network = parseIp6(arg);
    if (network == null) {
      throw new SpfSyntaxException("spf.parse.ip6", term, arg);
    }
    return new Mechanism(q, Mechanism.Kind.IP6, null, network, 32, cidr, term);
  }

  /** An IPv6 address in RFC 4291 §2.2 text form, kept as 16 bytes even when IPv4-mapped; null if invalid. */
  static InetAddress parseIp6(String text) {
    if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+") || text.contains(":::")) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(text);
      if (a instanceof Inet4Address four) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(four.getAddress(), 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, -1);
      }
      return a;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int cidr(String digits, int max, String term) throws SpfSyntaxException {
    int n = Integer.parseInt(digits);
    if (n > max) {
      throw new SpfSyntaxException("spf.parse.cidr-max", term, n, max);
    }
    return n;
  }

  /** §7.1: domain-spec = macro-string domain-end; domain-end = ("." toplabel ["."]) / macro-expand. */
  static String domainSpec(String spec, String term) throws SpfSyntaxException {
    if (spec.isEmpty()) {
      throw new SpfSyntaxException("spf.parse.empty-domain", term);
    }
    MacroExpander.validate(spec);
    if (endsWithMacro(spec)) {
      return spec;
    }
    String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
    int dot = s.lastIndexOf('.');
    if (dot < 0) {
      throw new SpfSyntaxException("spf.parse.no-toplabel", term, spec);
    }
    String top = s.substring(dot + 1);
    if (!TOPLABEL.matcher(top).matches()) {
      throw new SpfSyntaxException("spf.parse.toplabel", term, top);
    }
    return spec;
  }

  /** True when the string's last token is a macro-expand ({@code %{..}}, {@code %%}, {@code %_}, {@code %-}). */
  private static boolean endsWithMacro(String spec) {
    int i = 0;
    boolean lastIsMacro = false;
    while (i < spec.length()) {
      if (spec.charAt(i) == '%') {
        if (spec.charAt(i + 1) == '{') {
          i = spec.indexOf('}', i) + 1;
        } else {
          i += 2;
        }
        lastIsMacro = true;
      } else {
        i++;
        lastIsMacro = false;
      }
    }
    return lastIsMacro;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02X", (int) c));
    }
    return b.toString();
  }
}
