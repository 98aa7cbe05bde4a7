package dev.mailcheck.slack;

/**
 * One message as sent to Slack: the notification fallback {@code text} (always set, Slack shows it
 * in notifications and where blocks cannot be shown) and the Block Kit blocks as a JSON array.
 */
public record SlackMessage(String text, String blocksJson) {
  public SlackMessage {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a Slack message needs a fallback text");
    }
  }

  /** A message of plain text only. */
  public static SlackMessage text(String text) {
    return new SlackMessage(text, null);
  }
}
