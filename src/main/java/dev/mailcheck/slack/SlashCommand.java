package dev.mailcheck.slack;

import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.CheckRequest;
import dev.mailcheck.target.RequestParser;
import dev.mailcheck.target.Target;
import dev.mailcheck.target.TargetParser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the text after {@code /mailcheck} asks for. Accepted: {@code TARGET [from IP] [selector S]…
 * [helo NAME] [private]}, each option also as one word ({@code selector=s1}), where TARGET is anything {@link TargetParser} takes (Slack's
 * {@code <http://x|x>} wrappings included); targets, the sending IP, HELO and selectors follow the
 * same rule as {@code mailcheck check} ({@link RequestParser}), with one target per command.
 * {@code help} (or nothing) asks for usage.
 */
public sealed interface SlashCommand {
  /** Longest command text looked at; Slack's own limit is far below what a target needs. */
  int MAX_TEXT = 1000;
  /** Most DKIM selectors one command may name; repeats count once. */
  int MAX_SELECTORS = RequestParser.MAX_SELECTORS;

  /** Usage wanted; {@code unknownWord} is what was not understood, or null when help was asked for. */
  record Help(String unknownWord) implements SlashCommand {}

  /** Input that cannot be checked, with the one sentence that says why (already in the user's language). */
  record Invalid(String sentence) implements SlashCommand {}

  /**
   * A check to run.
   *
   * @param text the command normalised, as a Re-run button replays it
   */
  record Run(Target target, InetAddress from, String helo, List<String> selectors, boolean privately, String text)
      implements SlashCommand {}

  Set<String> HELP = Set.of("help", "?", "-h", "--help", "usage", "도움말", "사용법");
  Set<String> PRIVATE = Set.of("private", "--private", "dm", "비공개");
  Set<String> FROM = Set.of("from", "--from");
  Set<String> SELECTOR = Set.of("selector", "--selector", "-s", "dkim");
  Set<String> HELO = Set.of("helo", "--helo", "ehlo");
  /** Options that take a value, which may also be written {@code selector=s1}. */
  Set<String> OPTIONS = Set.of("from", "--from", "selector", "--selector", "-s", "dkim", "helo", "--helo", "ehlo");

  static SlashCommand parse(String text, TargetParser parser, Messages m) {
    return parse(text, parser, m, "/mailcheck");
  }

  /** @param command the slash command as installed: a range is pointed to {@code COMMAND scan RANGE} */
  static SlashCommand parse(String text, TargetParser parser, Messages m, String command) {
    String t = text == null ? "" : text.strip();
    if (t.length() > MAX_TEXT) {
      t = t.substring(0, MAX_TEXT);
    }
    List<String> words = t.isEmpty() ? List.of() : RequestParser.splitOptions(RequestParser.words(t), OPTIONS);
    if (words.isEmpty() || HELP.contains(words.get(0).toLowerCase(Locale.ROOT))) {
      return new Help(null);
    }
    List<String> targets = new ArrayList<>();
    List<String> fromTexts = new ArrayList<>();
    String helo = null;
    List<String> selectors = new ArrayList<>();
    boolean privately = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String lw = w.toLowerCase(Locale.ROOT);
      if (HELP.contains(lw)) {
        // "/mailcheck example.com help" asks for help as much as "/mailcheck help" does.
        return new Help(null);
      } else if (PRIVATE.contains(lw)) {
        privately = true;
      } else if (FROM.contains(lw)) {
        if (i + 1 >= words.size()) {
          return new Invalid(m.get("slack.bad-option.from"));
        }
        fromTexts.add(words.get(++i));
      } else if (SELECTOR.contains(lw)) {
        if (i + 1 >= words.size()) {
          return new Invalid(m.get("slack.bad-option.selector"));
        }
        selectors.add(words.get(++i));
      } else if (HELO.contains(lw)) {
        if (i + 1 >= words.size()) {
          return new Invalid(m.get("slack.bad-option.helo"));
        }
        helo = shownText(words.get(++i));
      } else if (!looksLikeTarget(w)) {
        return new Help(w);
      } else {
        targets.add(w);
      }
    }
    if (targets.isEmpty()) {
      return new Help(null);
    }
    CheckRequest request;
    try {
      // The CLI's rule (RequestParser), with one target per command: a thread holds one run.
      request = new RequestParser(parser).check(targets, fromTexts, helo, selectors, 1);
    } catch (BadTargetException e) {
      if (e.sentence().key().equals("input.range")) {
        // A range has a command of its own here too: the range scan.
        Object[] a = e.sentence().args();
        return new Invalid(m.get("slack.range-scan", a[0], a[1], command));
      }
      return new Invalid(e.text(m));
    }
    Target target = request.targets().get(0);
    InetAddress from = request.from();
    StringBuilder norm = new StringBuilder(target.name());
    if (from != null) {
      norm.append(" from ").append(dev.mailcheck.dns.Addresses.text(from));
    }
    request.selectors().forEach(s -> norm.append(" selector ").append(s));
    if (request.helo() != null) {
      norm.append(" helo ").append(request.helo());
    }
    if (privately) {
      norm.append(" private");
    }
    return new Run(target, from, request.helo(), request.selectors(), privately, norm.toString());
  }

  /** Slack may send a name it turned into a link as {@code <http://name|name>}; the user wrote what is shown. */
  private static String shownText(String w) {
    int bar = w.indexOf('|');
    return w.startsWith("<") && w.endsWith(">") && bar > 0 ? w.substring(bar + 1, w.length() - 1) : w;
  }

  /** A word that is meant as a target: has a dot, colon or @, or is one of Slack's link wrappings. */
  private static boolean looksLikeTarget(String w) {
    return w.indexOf('.') >= 0 || w.indexOf(':') >= 0 || w.indexOf('@') >= 0 || w.startsWith("<");
  }

}
