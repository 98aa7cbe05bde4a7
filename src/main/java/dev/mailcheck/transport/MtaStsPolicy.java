package dev.mailcheck.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An MTA-STS policy file (RFC 8461 §3.2): lines of {@code name: value} separated by LF or CRLF,
 * field names case-sensitive, {@code version: STSv1}, {@code mode}, {@code max_age} once each,
 * {@code mx} at least once unless the mode is {@code none}; unknown fields are extensions.
 *
 * @param mode how senders apply the policy
 * @param maxAge seconds senders may cache it, at most {@value #MAX_AGE_LIMIT}
 * @param mx the MX patterns, each a host name or {@code *.} and a host name (§4.1)
 */
public record MtaStsPolicy(Mode mode, long maxAge, List<String> mx) {
  /** About a year: the largest {@code max_age} allowed (§3.2). */
  public static final long MAX_AGE_LIMIT = 31_557_600L;

  private static final Pattern DOMAIN = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,31}):[ \\t]*(.*?)[ \\t]*");

  public MtaStsPolicy {
    mx = List.copyOf(mx);
  }

  /** {@code sts-policy-mode-value} (§3.2). */
  public enum Mode {
    ENFORCE, TESTING, NONE;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Parses a policy body by the grammar of RFC 8461 §3.2. */
  public static MtaStsPolicy parse(String body) throws RecordSyntaxException {
    String version = null;
    Mode mode = null;
    Long maxAge = null;
    List<String> mx = new ArrayList<>();
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break; // the optional line end after the last field
      }
      var m = FIELD.matcher(line);
      if (!m.matches()) {
        throw new RecordSyntaxException("policy-line", i + 1, line);
      }
      String name = m.group(1);
      String value = m.group(2);
      switch (name) {
        case "version" -> {
          once(version, name);
          if (!value.equals("STSv1")) {
            throw new RecordSyntaxException("policy-version", value);
          }
          version = value;
        }
        case "mode" -> {
          once(mode, name);
          mode = switch (value) {
            case "enforce" -> Mode.ENFORCE;
            case "testing" -> Mode.TESTING;
            case "none" -> Mode.NONE;
            default -> throw new RecordSyntaxException("policy-mode", value);
          };
        }
        case "max_age" -> {
          once(maxAge, name);
          if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > MAX_AGE_LIMIT) {
            throw new RecordSyntaxException("policy-max-age", value);
          }
          maxAge = Long.parseLong(value);
        }
        case "mx" -> {
          String host = value.startsWith("*.") ? value.substring(2) : value;
          if (!DOMAIN.matcher(host).matches()) {
            throw new RecordSyntaxException("policy-mx", value);
          }
          mx.add(value.toLowerCase(Locale.ROOT));
        }
        default -> {
          if (value.isEmpty()) {
            throw new RecordSyntaxException("policy-line", i + 1, line);
          }
        }
      }
    }
    if (version == null) {
      throw new RecordSyntaxException("policy-required", "version");
    }
    if (mode == null) {
      throw new RecordSyntaxException("policy-required", "mode");
    }
    if (maxAge == null) {
      throw new RecordSyntaxException("policy-required", "max_age");
    }
    if (mx.isEmpty() && mode != Mode.NONE) {
      throw new RecordSyntaxException("policy-required", "mx");
    }
    return new MtaStsPolicy(mode, maxAge, mx);
  }

  private static void once(Object seen, String name) throws RecordSyntaxException {
    if (seen != null) {
      throw new RecordSyntaxException("policy-duplicate", name);
    }
  }

  /**
   * Whether an MX host matches one of the patterns (§4.1): case-insensitively, a trailing dot
   * ignored, and {@code *.} standing for exactly one leftmost label.
   */
  public boolean matches(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String p : mx) {
      String pattern = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
      if (pattern.startsWith("*.")) {
        int dot = h.indexOf('.');
        if (dot > 0 && h.substring(dot + 1).equals(pattern.substring(2))) {
          return true;
        }
      } else if (h.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
