package dev.mailcheck.smtp;

import dev.mailcheck.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the SMTP probe of a process behaves.
 *
 * @param port the port to connect to: 25 (RFC 5321 §4.5.4.2 relay port), or {@code MAILCHECK_SMTP_PORT} in tests
 * @param allowPrivate connect to private, loopback, documentation and other special-use addresses
 *     ({@code MAILCHECK_ALLOW_PRIVATE}); refused otherwise, which also keeps a shared bot from
 *     being used to reach an internal network
 * @param trustStore a PEM file of CA certificates trusted besides the JDK's ({@code MAILCHECK_TRUSTSTORE})
 * @param connect how long a TCP connection may take to open
 * @param greeting how long the server may take to send its 220 greeting
 * @param step how long any later reply (EHLO, STARTTLS, the TLS handshake, QUIT) may take
 */
public record SmtpSettings(int port, boolean allowPrivate, Optional<Path> trustStore, Duration connect, Duration greeting, Duration step) {
  /** The SMTP relay port. */
  public static final int SMTP_PORT = 25;

  /**
   * Connect 5 s, greeting 10 s, other steps 5 s: RFC 5321 §4.5.3.2 allows a server minutes, but a
   * sender's patience is what matters for delivery, and postscreen-style greeting pauses stay
   * well under 10 s. Every one is further cut to the run's deadline.
   */
  public static final SmtpSettings DEFAULTS = new SmtpSettings(SMTP_PORT, false, Optional.empty(),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

  public static SmtpSettings from(Config config) {
    return new SmtpSettings(config.smtpPort().orElse(SMTP_PORT), config.allowPrivate(), config.trustStore(),
        DEFAULTS.connect(), DEFAULTS.greeting(), DEFAULTS.step());
  }

  public SmtpSettings withTimeouts(Duration connect, Duration greeting, Duration step) {
    return new SmtpSettings(port, allowPrivate, trustStore, connect, greeting, step);
  }
}
