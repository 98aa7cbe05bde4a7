package dev.mailcheck.slack;

import dev.mailcheck.bounce.BadBounceException;
import dev.mailcheck.bounce.BounceDiagnosis;
import dev.mailcheck.bounce.Bounces;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a bounce pasted in Slack gets: {@code /mailcheck bounce <text>} (and the same words in
 * a DM to the bot) or the "Diagnose bounce" shortcut on a message. Text that is empty or not a bounce
 * gets one sentence; otherwise access and the run limits apply as for a domain run, and a
 * {@link BounceRun} diagnoses it with the CLI's engine ({@link Bounces}) and checks what it names.
 */
public final class BounceRequests {
  /** The words after the command that ask for a bounce diagnosis. */
  static final Set<String> WORDS = Set.of("bounce", "반송");
  /**
   * Longest text read, in characters. The receiver's reply sits near the top of a bounce; what
   * follows is mostly the returned message, which this bounds (a Slack message holds up to 40,000).
   */
  public static final int MAX_TEXT = 20_000;

  private final BotServices s;

  public BounceRequests(BotServices services) {
    this.s = services;
  }

  /**
   * One bounce to diagnose.
   *
   * @param text the bounce as Slack delivered it (entities and links are undone here)
   * @param here where it was asked for (and where access is checked)
   * @param threadTs the thread to answer in, or null to post the diagnosis as a new message
   * @param reply answers the requester alone
   * @param shortcut whether it came from the message shortcut (an empty message is then "not a bounce",
   *     not "paste it after the command")
   */
  public record Request(String text, String user, String userName, Origin here, String threadTs, Reply reply, boolean shortcut) {}

  /** Whether the text after the command asks for a bounce diagnosis ({@code bounce …}). */
  public static boolean asksForBounce(String commandText) {
    return WORDS.contains(firstWord(commandText).toLowerCase(Locale.ROOT));
  }

  /** The text after {@code bounce}. */
  public static String afterWord(String commandText) {
    String t = commandText == null ? "" : commandText.stripLeading();
    return t.substring(firstWord(t).length());
  }

  private static String firstWord(String text) {
    String t = text == null ? "" : text.stripLeading();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return t.substring(0, end);
  }

  public void handle(Request q, SlackRenderer r) {
    Admission admission = s.admission();
    if (admission.closing()) {
      q.reply().send(r.sentence("slack.shutting-down"));
      return;
    }
    String text = SlackText.plain(q.text()).strip();
    if (text.isEmpty()) {
      q.reply().send(r.sentence(q.shortcut() ? "slack.bounce.not-a-bounce" : "slack.bounce.empty", s.settings().command()));
      return;
    }
    Admission.Refusal refusal = admission.access(q.here(), q.user(), q.userName());
    if (refusal != null) {
      q.reply().send(r.sentence(refusal.key(), refusal.args()));
      return;
    }
    int readChars = 0;
    if (text.length() > MAX_TEXT) {
      text = text.substring(0, MAX_TEXT);
      readChars = MAX_TEXT;
    }
    Bounces bounces = Bounces.bundled();
    BounceDiagnosis d;
    try {
      d = bounces.diagnose(text);
    } catch (BadBounceException e) {
      q.reply().send(r.sentence("slack.bounce.not-a-bounce", s.settings().command()));
      return;
    }
    if (!looksLikeBounce(d)) {
      q.reply().send(r.sentence("slack.bounce.not-a-bounce", s.settings().command()));
      return;
    }
    BounceRun run = new BounceRun(s, bounces.advise(d, r.lang()), q.user(), q.here().id(), q.threadTs(), q.reply(), r, readChars);
    Admission.Refusal busy = admission.start(run.admitted());
    if (busy != null) {
      q.reply().send(r.sentence(busy.key(), busy.args()));
    }
  }

  /**
   * Text is taken for a bounce when a signature matched or it carries a reply code: a text with
   * neither (a greeting, a domain name alone) says nothing a diagnosis could build on.
   */
  static boolean looksLikeBounce(BounceDiagnosis d) {
    return d.diagnosed() || d.smtpCode() != null || d.enhancedCode() != null;
  }

  /**
   * Whether text that is not a target is a pasted bounce all the same (someone pasted the rejection
   * without the word {@code bounce}): stricter than {@link #looksLikeBounce}, a receiver's signature
   * or an enhanced status code (RFC 3463), so that a mistyped target is never taken for one.
   */
  static boolean pastedBounce(String text) {
    String plain = SlackText.plain(text).strip();
    if (plain.isEmpty()) {
      return false;
    }
    try {
      BounceDiagnosis d = Bounces.bundled().diagnose(plain.length() > MAX_TEXT ? plain.substring(0, MAX_TEXT) : plain);
      return d.diagnosed() || d.enhancedCode() != null;
    } catch (BadBounceException e) {
      return false;
    }
  }
}
