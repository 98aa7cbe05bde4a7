package dev.mailcheck.slack;

/**
 * The bot's Slack secrets and where the Web API is. {@link #toString()} never shows a secret,
 * so a credentials object can be logged by accident without harm.
 *
 * @param botToken {@code SLACK_BOT_TOKEN} (xoxb-…), for the Web API
 * @param signingSecret {@code SLACK_SIGNING_SECRET}, verifies HTTP-mode requests; null in Socket Mode
 * @param appToken {@code SLACK_APP_TOKEN} (xapp-…), opens the Socket Mode connection; null in HTTP mode
 * @param apiUrl {@code SLACK_API_URL}, the Web API base ending in {@code /}
 */
public record SlackCredentials(String botToken, String signingSecret, String appToken, String apiUrl) {
  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public SlackCredentials {
    if (botToken == null || botToken.isBlank()) {
      throw new IllegalArgumentException("SLACK_BOT_TOKEN is not set; give the bot token (xoxb-…) from the app's OAuth & Permissions page.");
    }
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  @Override
  public String toString() {
    return "SlackCredentials[botToken=" + redact(botToken) + ", signingSecret=" + redact(signingSecret)
        + ", appToken=" + redact(appToken) + ", apiUrl=" + apiUrl + "]";
  }

  private static String redact(String s) {
    return s == null ? "unset" : "set";
  }
}
