package dev.mailcheck.check;

import dev.mailcheck.config.Config;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.owner.RdapSettings;

/**
 * How the checks that leave DNS reach the outside: the guarded HTTP client's settings
 * ({@code MAILCHECK_ALLOW_PRIVATE}, {@code MAILCHECK_TRUSTSTORE}, {@code MAILCHECK_HTTPS_PORT}) and
 * where RDAP questions go ({@code MAILCHECK_RDAP_URL}).
 */
public record ProbeSettings(HttpSettings http, RdapSettings rdap) {
  /** Public addresses only, the JDK's CAs, RDAP through IANA's bootstrap. */
  public static final ProbeSettings DEFAULTS = new ProbeSettings(HttpSettings.DEFAULTS, RdapSettings.BOOTSTRAP);

  public static ProbeSettings from(Config config) {
    return new ProbeSettings(HttpSettings.from(config), RdapSettings.from(config));
  }

  /** The defaults, connecting to special-use addresses too when {@code allowPrivate} (the bot's own setting). */
  public static ProbeSettings allowingPrivate(boolean allowPrivate) {
    return new ProbeSettings(new HttpSettings(allowPrivate, HttpSettings.DEFAULTS.trustStore(), HttpSettings.DEFAULTS.httpsPort()),
        RdapSettings.BOOTSTRAP);
  }
}
