package dev.mailcheck.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The form body Slack POSTs for a slash command or an interaction: what the loopback stand-ins of
 * the benchmark and the tests send to the bot's HTTP endpoint.
 */
public final class SlashCommandForm {
  private SlashCommandForm() {}

  /** A {@code /mailcheck} invocation as Slack encodes it. */
  public static String command(String text, String user, String channel, String responseUrl) {
    return form("token", "legacy", "team_id", "T1", "team_domain", "test", "channel_id", channel, "channel_name", "ops",
        "user_id", user, "user_name", user.toLowerCase(java.util.Locale.ROOT), "command", "/mailcheck", "text", text,
        "api_app_id", "A1", "response_url", responseUrl, "trigger_id", "1.2.3");
  }

  /** {@code application/x-www-form-urlencoded} of key/value pairs. */
  public static String form(String... kv) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
