package dev.mailcheck.target;

import dev.mailcheck.spf.SpfRequest;
import java.net.InetAddress;

/**
 * The request model of {@code mailcheck spf} and its {@code --batch} lines: what an SMTP session
 * presented, turned into check_host()'s inputs (RFC 7208 §4.1). Only input that cannot be a session's
 * at all is refused: a client address that is not an IP, or text with a line break or NUL (no SMTP
 * command can carry one). Everything else gets its RFC 7208 result, as a receiver would compute it:
 * a domain literal ({@code foo@[192.0.2.1]}), a single-label or malformed domain gives {@code none}
 * (§4.3); a local part with spaces or quotes, and any HELO text, are used as they are in macros (§7.3).
 * A reverse-path's angle brackets ({@code <user@example.com>}, {@code <>}) are removed (RFC 5321
 * §4.1.2); an internationalized domain is looked up by its A-labels, by the same IDNA rules as a
 * check target ({@link TargetParser#aLabels}).
 */
public final class SpfInput {
  private SpfInput() {}

  /**
   * @param ip the client address (required)
   * @param mailFrom the MAIL FROM, null when not given
   * @param helo the HELO/EHLO name, null when not given
   * @throws InputException with the one sentence that says what cannot be used
   */
  public static SpfRequest parse(String ip, String mailFrom, String helo) {
    if (ip == null || ip.isBlank()) {
      throw new InputException("input.spf.need-ip");
    }
    InetAddress address = SpfRequest.parseAddress(ip);
    if (address == null) {
      throw new InputException("input.spf.not-ip", Echo.of(ip.strip()));
    }
    if (mailFrom == null && helo == null) {
      throw new InputException("input.spf.need-identity");
    }
    String from = mailFrom == null ? "" : oneLine(mailFrom).strip();
    if (from.length() >= 2 && from.startsWith("<") && from.endsWith(">")) {
      from = from.substring(1, from.length() - 1).strip();
    }
    int at = from.lastIndexOf('@');
    from = at < 0 ? asciiOrSame(from) : from.substring(0, at + 1) + asciiOrSame(from.substring(at + 1));
    String h = helo == null ? "" : asciiOrSame(oneLine(helo).strip());
    return new SpfRequest(address, from, h);
  }

  private static String oneLine(String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw new InputException("input.spf.line-break", Echo.of(value));
    }
    return value;
  }

  /** A-labels for an internationalized name; the text as given when it cannot be converted (check_host() then says none). */
  private static String asciiOrSame(String name) {
    String ascii = TargetParser.aLabels(name);
    return ascii == null ? name : ascii;
  }
}
