package dev.mailcheck.dmarc;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One report destination of {@code rua=} or {@code ruf=} (RFC 7489 §6.2, {@code dmarc-uri}): a URI,
 * optionally followed by {@code !} and a size limit. Receivers are only required to send to
 * {@code mailto:} URIs (§6.2), so {@link #host()} is the domain of a mailto address, or the URI's
 * host for another scheme.
 *
 * @param uri the URI without the size limit
 * @param scheme the scheme in lower case
 * @param host the destination host in lower case, without a trailing dot; null when there is none
 * @param limit the size limit as written ({@code 10m}), or null
 */
public record ReportUri(String uri, String scheme, String host, String limit) {
  private static final Pattern DMARC_URI = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):([^!\\s]+)(?:!([0-9]+[kmgtKMGT]?))?");
  private static final Pattern MAILTO_HOST = Pattern.compile("[^@?]+@([^?]+)(?:\\?.*)?");
  private static final Pattern AUTHORITY_HOST = Pattern.compile("//(?:[^@/]*@)?([^/:?#]+).*");

  /** The URI's text as written, or null when it does not follow {@code dmarc-uri}. */
  public static ReportUri parse(String text) {
    Matcher m = DMARC_URI.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String rest = m.group(2);
    Matcher h = scheme.equals("mailto") ? MAILTO_HOST.matcher(rest) : AUTHORITY_HOST.matcher(rest);
    String host = h.matches() ? normalise(h.group(1)) : null;
    if (scheme.equals("mailto") && (host == null || host.isEmpty() || host.indexOf('.') < 0)) {
      return null;
    }
    return new ReportUri(scheme + ":" + rest, scheme, host, m.group(3));
  }

  /** Whether receivers will send here: RFC 7489 §6.2 requires support for mailto only. */
  public boolean mailto() {
    return scheme.equals("mailto");
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    // A mailto address may carry %-escapes (RFC 6068 §2); a domain part needs none, so undo only dots.
    h = h.replace("%2e", ".");
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
