package dev.mailcheck.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A receiver's reply as one line of text, with its codes taken out: the SMTP reply code (RFC 5321
 * §4.2) and the enhanced status code (RFC 3463 §2, {@code class.subject.detail}).
 *
 * <p>A multi-line reply repeats its codes on every line ({@code 550-5.7.26 …} then {@code 550 5.7.26 …},
 * RFC 5321 §4.2.1; RFC 2034 §4); bounces often join those lines, so the prefixes appear in the middle of
 * sentences. They are removed wherever they occur, so the text reads as the receiver wrote it.
 */
public record ReplyText(String smtpCode, String enhancedCode, String text) {

  // A reply code followed by an enhanced code: "550-5.7.26", "421 4.7.0". Not part of an address or version.
  private static final Pattern CODE_PAIR = Pattern.compile(
      "(?<![\\w.])([245]\\d\\d)[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\w]|\\.\\d)");
  // A reply code alone, where replies start: beginning of a line, or after "said:", "<<<", ";" or "(".
  private static final Pattern REPLY = Pattern.compile(
      "(?:^|[\\n:;(>]|said|reply)\\s*([245]\\d\\d)(?=[ -]|$)", Pattern.MULTILINE);
  // An enhanced code alone: three numbers, not the start of an IPv4 address or a version.
  private static final Pattern ENHANCED = Pattern.compile("(?<![\\w.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\w]|\\.\\d)");
  // Continuation prefixes of a multi-line reply: "550-" at the start of a line, with or without an enhanced code.
  private static final Pattern LINE_PREFIX = Pattern.compile("(?m)^\\s*[245]\\d\\d[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}(?![\\w]|\\.\\d))?");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Reads the codes out of a reply (or of text that contains one) and joins its lines. */
  public static ReplyText of(String raw) {
    String s = raw == null ? "" : raw;
    String smtp = null;
    String enhanced = null;
    Matcher pair = CODE_PAIR.matcher(s);
    if (pair.find()) {
      smtp = pair.group(1);
      enhanced = pair.group(2);
    } else {
      Matcher r = REPLY.matcher(s);
      if (r.find()) {
        smtp = r.group(1);
      }
      Matcher e = ENHANCED.matcher(s);
      if (e.find()) {
        enhanced = e.group(1);
      }
    }
    String clean = LINE_PREFIX.matcher(s).replaceAll(" ");
    clean = CODE_PAIR.matcher(clean).replaceAll(" ");
    clean = SPACES.matcher(clean).replaceAll(" ").strip();
    return new ReplyText(smtp, enhanced, clean);
  }

  /** The codes as the receiver wrote them, e.g. {@code 550 5.7.25}; empty when there are none. */
  public String codes() {
    if (smtpCode == null) {
      return enhancedCode == null ? "" : enhancedCode;
    }
    return enhancedCode == null ? smtpCode : smtpCode + " " + enhancedCode;
  }
}
