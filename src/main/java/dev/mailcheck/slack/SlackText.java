package dev.mailcheck.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as the user wrote it, from the form Slack delivers it in: Slack turns {@code <}, {@code >} and
 * {@code &} into entities, wraps what it linked as {@code <mailto:a@b|a@b>} or {@code <http://x|x>},
 * and keeps code fences; a pasted bounce is read only after all that is undone.
 */
final class SlackText {
  /** {@code <target|label>} (a link Slack made or a mention with a name): what was shown, the label. */
  private static final Pattern LABELLED = Pattern.compile("<([^<>|\\s]+)\\|([^<>]*)>");
  /** {@code <mailto:a@b>} or {@code <http://x>}: the address or URL itself. */
  private static final Pattern BARE = Pattern.compile("<(?:mailto:)?((?:https?://)?[^<>|\\s]+)>");

  private SlackText() {}

  static String plain(String slack) {
    if (slack == null) {
      return "";
    }
    String t = slack.replace("```", "\n");
    t = replace(LABELLED, t, m -> m.group(2));
    t = replace(BARE, t, m -> m.group(1));
    // Entities last, so that an escaped "&lt;x&gt;" the user typed stays "<x>".
    return t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String replace(Pattern p, String t, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
