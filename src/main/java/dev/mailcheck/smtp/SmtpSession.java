package dev.mailcheck.smtp;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * What one conversation showed. A session that could not get as far as an EHLO reply has a
 * {@link #failure}; everything the server said and every command sent is in the transcript.
 *
 * @param address the address connected to
 * @param port the port connected to
 * @param failure why the conversation stopped before the server had answered EHLO, or null
 * @param greeting the lines of the 220 greeting, without the code
 * @param ehlo the lines of the EHLO (or, after a refused EHLO, HELO) reply, without the code
 * @param starttlsOffered whether EHLO listed STARTTLS (RFC 3207 §4)
 * @param starttlsReply the reply to STARTTLS when it was not 220, else null
 * @param tls what the TLS handshake showed, null when it was not attempted
 * @param transcript the conversation, {@code C: } for what was sent, {@code S: } for what came back
 * @param commands the verbs sent, in order ({@code EHLO}, {@code STARTTLS}, {@code QUIT}…)
 */
public record SmtpSession(
    InetAddress address, int port, Failure failure, List<String> greeting, List<String> ehlo,
    boolean starttlsOffered, String starttlsReply, TlsResult tls, List<String> transcript, List<String> commands) {

  public SmtpSession {
    greeting = List.copyOf(greeting);
    ehlo = List.copyOf(ehlo);
    transcript = List.copyOf(transcript);
    commands = List.copyOf(commands);
  }

  /** Where a conversation stopped. */
  public enum Stage { CONNECT, GREETING, EHLO }

  /** Why it stopped. */
  public enum Kind {
    /** Not attempted: the address is private, loopback, documentation or another special-use range. */
    SPECIAL_USE,
    /** The connection was refused (RST to the SYN). */
    REFUSED,
    /** No answer in time: a filtered port, or a server that stalls (tarpit). */
    TIMEOUT,
    /** No route to the address from here. */
    NO_ROUTE,
    /** The server closed or reset the connection. */
    CLOSED,
    /** The server answered with a refusal (554 greeting, EHLO and HELO both refused). */
    REJECTED,
    /** The server's reply was not SMTP. */
    PROTOCOL
  }

  /**
   * @param detail the server's reply, the special-use range, or the network error, for evidence
   */
  public record Failure(Stage stage, Kind kind, String detail) {}

  /** A conversation that was not attempted: the address is one the prober does not connect to ({@code why}). */
  public static SmtpSession notAttempted(InetAddress address, int port, String why) {
    return new SmtpSession(address, port, new Failure(Stage.CONNECT, Kind.SPECIAL_USE, why), List.of(), List.of(), false, null, null,
        List.of(), List.of());
  }

  public boolean connected() {
    return failure == null;
  }

  /** The host name the greeting announces (RFC 5321 §4.3.1: the first word after 220), or null. */
  public String greetingName() {
    return firstWord(greeting);
  }

  /** The host name the EHLO reply announces (RFC 5321 §4.1.1.1: the first word), or null. */
  public String ehloName() {
    return firstWord(ehlo);
  }

  private static String firstWord(List<String> lines) {
    if (lines.isEmpty()) {
      return null;
    }
    String first = lines.get(0).strip();
    int space = first.indexOf(' ');
    String word = space < 0 ? first : first.substring(0, space);
    return word.isEmpty() ? null : word.toLowerCase(Locale.ROOT);
  }
}
