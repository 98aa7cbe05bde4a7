package dev.mailcheck.spf;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Turns domains of SPF evaluation into DNS names, or says they cannot be queried. */
public final class SpfNames {
  private SpfNames() {}

  /**
   * A domain as check_host() receives it (§4.3): null when it is malformed (a label over 63
   * characters, an empty label), not a multi-label name or an address literal ({@code [192.0.2.1]}),
   * in which case the result is "none".
   */
  public static Name forCheckHost(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (d.isEmpty() || d.indexOf('.') < 0 || d.startsWith("[")) {
      // A domain literal (user@[192.0.2.1], HELO [192.0.2.1]) names no domain to look up.
      return null;
    }
    return parse(d);
  }

  /**
   * The name a mechanism queries after macro expansion (§7.3): a trailing dot dropped, and when
   * longer than 253 characters, left-hand labels removed until it fits. Null when the result still
   * cannot be a DNS name (empty or over-long labels): such a name does not exist, so the mechanism
   * does not match (RFC 7208 leaves this case open; the test suite accepts no-match).
   */
  public static Name forQuery(String expanded) {
    String d = expanded.endsWith(".") ? expanded.substring(0, expanded.length() - 1) : expanded;
    while (d.length() > 253) {
      int dot = d.indexOf('.');
      if (dot < 0) {
        return null;
      }
      d = d.substring(dot + 1);
    }
    if (d.isEmpty()) {
      return null;
    }
    return parse(d);
  }

  private static Name parse(String d) {
    for (String label : d.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return null;
      }
    }
    try {
      // Escape the characters dnsjava's parser treats specially, so the label is taken literally.
      return Name.fromString(d.replace("\\", "\\\\").replace("\"", "\\\"").replace("(", "\\(").replace(")", "\\)")
          .replace(";", "\\;").replace("@", "\\@").replace("$", "\\$") + ".", Name.root);
    } catch (TextParseException e) {
      return null;
    }
  }

  /** A domain as text without its trailing dot: the value of the {@code d} macro. */
  public static String strip(String domain) {
    return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
  }

  /** A name for people: no trailing dot. */
  public static String display(Name n) {
    return n.toString(true);
  }
}
