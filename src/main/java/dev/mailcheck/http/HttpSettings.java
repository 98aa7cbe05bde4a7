package dev.mailcheck.http;

import dev.mailcheck.config.Config;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the HTTP client of a process behaves, from {@code MAILCHECK_ALLOW_PRIVATE},
 * {@code MAILCHECK_TRUSTSTORE} and {@code MAILCHECK_HTTPS_PORT}.
 *
 * @param allowPrivate connect to private, loopback, link-local, documentation and other special-use
 *     addresses too (tests and demos on loopback; never on a shared bot)
 * @param trustStore a PEM file of CA certificates trusted in addition to the JDK's
 * @param httpsPort the port every https URL without an explicit port connects to instead of 443
 *     (tests serve HTTPS on a free port)
 */
public record HttpSettings(boolean allowPrivate, Optional<Path> trustStore, OptionalInt httpsPort) {
  public static final HttpSettings DEFAULTS = new HttpSettings(false, Optional.empty(), OptionalInt.empty());

  public static HttpSettings from(Config config) {
    return new HttpSettings(config.allowPrivate(), config.trustStore(), config.httpsPort());
  }
}
