package dev.mailcheck.owner;

import dev.mailcheck.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where RDAP questions go. Unset, each address is sent to the RIR that IANA's bootstrap
 * (RFC 9224) names for it; {@code MAILCHECK_RDAP_URL} names one base URL that every question
 * goes to instead ({@code <base>ip/<address>}, RFC 9082 §3.1.1), for tests, demos and networks
 * that reach the registries only through a mirror of their own.
 *
 * @param base the base URL (ending in {@code /}) every question goes to, or empty for the bootstrap
 */
public record RdapSettings(Optional<URI> base) {
  public static final RdapSettings BOOTSTRAP = new RdapSettings(Optional.empty());

  /** Every question to {@code base} (a slash is added when it has none). */
  public static RdapSettings at(String base) {
    return new RdapSettings(Optional.of(parse(base, "base URL")));
  }

  public static RdapSettings from(Config config) {
    String v = config.get("MAILCHECK_RDAP_URL");
    return v == null ? BOOTSTRAP : new RdapSettings(Optional.of(parse(v, "MAILCHECK_RDAP_URL")));
  }

  private static URI parse(String value, String where) {
    String v = value.endsWith("/") ? value : value + "/";
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (u.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null
          && u.getQuery() == null && u.getFragment() == null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // Falls through to the sentence below.
    }
    throw new IllegalArgumentException(where + ": '" + value
        + "' is not an RDAP base URL; give one like https://rdap.example.net/ (questions go to <base>ip/<address>).");
  }
}
