package dev.mailcheck.dns;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Labels that must never be shown: a key some lists take as part of the query name (Spamhaus DQS,
 * {@code <key>.zen.dq.spamhaus.net}). Whoever puts a key into names registers it; every place that
 * turns a name into text for people or logs (the query trace, a question as a finding's subject,
 * evidence) passes it through {@link #redact}, so the key never reaches a report, a Slack thread or
 * a log line.
 */
public final class SecretLabels {
  /** What a secret label reads as. */
  public static final String MASK = "<key>";

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private SecretLabels() {}

  /** Registers a label to hide from now on (case-insensitively, as DNS compares names). */
  public static void register(String label) {
    if (label != null && !label.isBlank()) {
      SECRETS.add(label.toLowerCase(Locale.ROOT));
    }
  }

  /** The text with every registered label replaced by {@link #MASK}. */
  public static String redact(String text) {
    if (SECRETS.isEmpty() || text == null) {
      return text;
    }
    String out = text;
    for (String s : SECRETS) {
      out = replaceIgnoringCase(out, s);
    }
    return out;
  }

  private static String replaceIgnoringCase(String text, String secret) {
    String lower = text.toLowerCase(Locale.ROOT);
    int at = lower.indexOf(secret);
    if (at < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int from = 0;
    while (at >= 0) {
      b.append(text, from, at).append(MASK);
      from = at + secret.length();
      at = lower.indexOf(secret, from);
    }
    return b.append(text.substring(from)).toString();
  }
}
