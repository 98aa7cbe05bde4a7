package dev.mailcheck.bounce;

/**
 * What a bounce says once read: the receiver's words and the DSN fields around them.
 *
 * @param diagnostic the receiver's reply (a DSN's {@code Diagnostic-Code}), or the bounce's human-readable text
 *     when there is no DSN part; the returned copy of the original message is left out
 * @param status the DSN's {@code Status} (RFC 3464 §2.3.4), or null
 * @param remoteMta the host that rejected the message ({@code Remote-MTA}, RFC 3464 §2.3.5), or null
 * @param recipient the address the message was for ({@code Final-Recipient}), or null
 * @param originalFromDomain the domain of the returned message's From (RFC 5322 §3.6.2), or null
 * @param dsn true when a {@code message/delivery-status} part was found
 */
public record BounceMessage(String diagnostic, String status, String remoteMta, String recipient,
    String originalFromDomain, boolean dsn) {

  /** A pasted reply with nothing around it. */
  public static BounceMessage ofText(String text) {
    return new BounceMessage(text, null, null, null, null, false);
  }
}
