package dev.mailcheck.smtp;

import java.time.Duration;

/**
 * The one door to SMTP servers: opens a conversation with port 25 of a host, reads its greeting,
 * says EHLO, upgrades with STARTTLS when offered (RFC 3207), looks at the certificate, and says
 * QUIT. It never sends MAIL FROM, RCPT TO or DATA: nothing is ever delivered or queued.
 *
 * <p>Implementations block the calling thread (checks call it from virtual threads) and never
 * throw for what the server or the network did: that is recorded in the {@link SmtpSession}.
 */
@FunctionalInterface
public interface SmtpProber {

  /**
   * One conversation, over within {@code budget} whatever the server does.
   *
   * @param endpoint where to connect and which name the certificate should carry
   * @param budget the time the whole conversation may take (connect, every reply, the handshake)
   */
  SmtpSession probe(SmtpEndpoint endpoint, Duration budget);
}
