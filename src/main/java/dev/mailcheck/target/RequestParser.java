package dev.mailcheck.target;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for what a user may ask a check for, shared by {@code mailcheck check} and the
 * Slack {@code /mailcheck} command, so that the same input is accepted or refused with the same
 * sentence everywhere.
 *
 * <ul>
 *   <li>Targets are separated by white space or commas ({@code example.com, example.org} is two).
 *   <li>A domain followed by one IP is that domain as sent from that IP ({@code example.com 203.0.113.5}
 *       reads as {@code example.com --from 203.0.113.5}). A check takes one sending IP: a domain followed
 *       by a second IP, or an IP after a domain among other targets, is refused with a sentence saying
 *       how to check each IP, rather than guessed at.
 *   <li>A sending IP ({@code --from}, {@code from}) goes with exactly one domain.
 *   <li>HELO names follow RFC 5321 §4.1.1.1, DKIM selectors RFC 6376 §3.1 ({@link MailNames}); at most
 *       {@link #MAX_SELECTORS} selectors, repeats counted once.
 * </ul>
 */
public final class RequestParser {
  /** Most DKIM selectors one check may name. */
  public static final int MAX_SELECTORS = 10;

  private final TargetParser targets;

  public RequestParser(TargetParser targets) {
    this.targets = targets;
  }

  /** The words of a target list: split at white space and commas; Slack's {@code <…|…>} wrappings stay whole. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.strip().split("\\s+")) {
      if (w.startsWith("<") && w.replaceAll(",+$", "").endsWith(">")) {
        out.add(w.replaceAll(",+$", ""));
        continue;
      }
      for (String part : w.split(",")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  /**
   * Options written as one word, {@code selector=s1} or {@code from=192.0.2.10}, as two words
   * ({@code selector}, {@code s1}), for the option names given (compared in lower case); an empty
   * value leaves the option name alone, so it reads as an option without its value. Other words,
   * Slack's {@code <…>} wrappings among them, are kept as they are.
   */
  public static List<String> splitOptions(List<String> words, java.util.Set<String> names) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq > 0 && !w.startsWith("<") && names.contains(w.substring(0, eq).toLowerCase(Locale.ROOT))) {
        out.add(w.substring(0, eq));
        if (eq + 1 < w.length()) {
          out.add(w.substring(eq + 1));
        }
      } else {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * @param typed the target words as typed (each may hold several, separated by spaces or commas)
   * @param from the sending IPs given as options (one at most is accepted)
   * @param helo the HELO name given, or null
   * @param selectors the DKIM selectors given
   * @param maxTargets how many targets one request may name
   * @throws BadTargetException with the one sentence that says what is wrong
   */
  public CheckRequest check(List<String> typed, List<String> froms, String helo, List<String> selectors, int maxTargets)
      throws BadTargetException {
    List<String> words = new ArrayList<>();
    typed.forEach(t -> words.addAll(words(t)));
    if (words.isEmpty()) {
      throw new BadTargetException("input.empty");
    }
    List<Target> parsed = new ArrayList<>();
    for (String w : words) {
      parsed.add(targets.parse(w));
    }
    String from = froms.isEmpty() ? null : froms.get(0);
    InetAddress sender = from == null ? null : targets.parseIp(from);
    if (froms.size() > 1) {
      throw new BadTargetException("input.second-ip", parsed.get(0).name(), Echo.of(froms.get(1).strip()));
    }
    for (int i = 1; i < parsed.size(); i++) {
      if (parsed.get(i - 1).isIp() || !parsed.get(i).isIp()) {
        continue;
      }
      // An IP right after a domain names the domain's sending IP.
      String domain = parsed.get(i - 1).name();
      if (i + 1 < parsed.size() && parsed.get(i + 1).isIp()) {
        throw new BadTargetException("input.second-ip", domain, Echo.of(words.get(i + 1)));
      }
      if (sender != null) {
        throw new BadTargetException("input.second-ip", domain, Echo.of(words.get(i)));
      }
      if (parsed.size() != 2) {
        throw new BadTargetException("input.from-needs-domain", Echo.of(words.get(i)));
      }
    }
    if (sender == null && parsed.size() == 2 && !parsed.get(0).isIp() && parsed.get(1).isIp()) {
      sender = parsed.get(1).ip();
      parsed.remove(1);
      words.remove(1);
    }
    if (parsed.size() > maxTargets) {
      throw new BadTargetException("input.one-target", Echo.of(words.get(maxTargets)), parsed.get(0).name());
    }
    if (sender != null && (parsed.size() != 1 || parsed.get(0).isIp())) {
      throw new BadTargetException("input.from-needs-domain", Echo.of(from != null ? from.strip() : dev.mailcheck.dns.Addresses.text(sender)));
    }
    String h = helo == null ? null : helo.strip();
    if (h != null && !MailNames.isHeloName(h)) {
      throw new BadTargetException("input.helo-invalid", Echo.of(h));
    }
    List<String> kept = new ArrayList<>();
    for (String s : selectors) {
      if (!MailNames.isSelector(s)) {
        throw new BadTargetException("input.selector-invalid", Echo.of(s));
      }
      String selector = s.toLowerCase(Locale.ROOT);
      if (!kept.contains(selector)) {
        if (kept.size() >= MAX_SELECTORS) {
          throw new BadTargetException("input.too-many-selectors", MAX_SELECTORS);
        }
        kept.add(selector);
      }
    }
    return new CheckRequest(parsed, sender, h, kept);
  }
}
