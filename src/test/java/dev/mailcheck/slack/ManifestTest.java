package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The app manifests in manifest/ say what the bot needs and nothing more. */
class ManifestTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String file) throws IOException {
    try (Reader r = Files.newBufferedReader(Path.of("manifest", file))) {
      return new Yaml().load(r);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String p : path) {
      o = ((Map<String, Object>) o).get(p);
    }
    return (T) o;
  }

  @Test
  void bothManifestsDeclareTheCommandScopesInteractivityAndAppHome() throws IOException {
    for (String file : List.of("slack-app-socket-mode.yml", "slack-app-http.yml")) {
      Map<String, Object> m = load(file);
      List<Map<String, Object>> commands = at(m, "features", "slash_commands");
      assertEquals(1, commands.size(), file);
      Map<String, Object> c = commands.get(0);
      assertEquals("/mailcheck", c.get("command"));
      assertEquals(false, c.get("should_escape"));
      assertTrue(String.valueOf(c.get("usage_hint")).contains("example.com"));
      // The hint offers only what a check of this build reads.
      assertEquals(dev.mailcheck.check.Checks.readsSelectors(), String.valueOf(c.get("usage_hint")).contains("selector"), file);
      // The history scopes let the bot look for a post whose fate a dropped connection left open
      // (conversations.history and .replies in public and private channels, DMs and group DMs);
      // im:history also delivers message.im.
      assertEquals(List.of("commands", "chat:write", "chat:write.public", "im:write", "users:read", "channels:history", "groups:history",
          "im:history", "mpim:history"), at(m, "oauth_config", "scopes", "bot"), file);
      assertEquals(true, at(m, "settings", "interactivity", "is_enabled"));
      assertEquals(true, at(m, "features", "app_home", "home_tab_enabled"));
      // The Messages tab is open for writing, and what is written there reaches the bot.
      assertEquals(true, at(m, "features", "app_home", "messages_tab_enabled"));
      assertEquals(false, at(m, "features", "app_home", "messages_tab_read_only_enabled"));
      assertEquals(List.of("app_home_opened", "message.im"), at(m, "settings", "event_subscriptions", "bot_events"));
      assertEquals(1, (Integer) at(m, "_metadata", "major_version"));
    }
  }

  @Test
  void bothManifestsDeclareTheDiagnoseBounceShortcutAndTheBounceWord() throws IOException {
    for (String file : List.of("slack-app-socket-mode.yml", "slack-app-http.yml")) {
      Map<String, Object> m = load(file);
      List<Map<String, Object>> shortcuts = at(m, "features", "shortcuts");
      assertEquals(1, shortcuts.size(), file);
      Map<String, Object> s = shortcuts.get(0);
      assertEquals("Diagnose bounce", s.get("name"), file);
      assertEquals("message", s.get("type"), file);
      // The ID the bot registers its handler under.
      assertEquals(dev.mailcheck.slack.listeners.shortcuts.DiagnoseBounceShortcut.CALLBACK_ID, s.get("callback_id"), file);
      // Slack's limit for a shortcut's description.
      assertTrue(String.valueOf(s.get("description")).length() <= 150, file);
      List<Map<String, Object>> commands = at(m, "features", "slash_commands");
      assertTrue(String.valueOf(commands.get(0).get("usage_hint")).contains("bounce <"), file);
      assertTrue(String.valueOf(commands.get(0).get("usage_hint")).contains("| scan 198.51.100.0/24 |"), file);
    }
  }

  @Test
  void socketModeHasNoUrlsAndHttpModePointsEverythingAtSlackEvents() throws IOException {
    Map<String, Object> socket = load("slack-app-socket-mode.yml");
    assertEquals(true, at(socket, "settings", "socket_mode_enabled"));
    assertFalse(((Map<?, ?>) ((List<?>) at(socket, "features", "slash_commands")).get(0)).containsKey("url"));
    Map<String, Object> http = load("slack-app-http.yml");
    assertEquals(false, at(http, "settings", "socket_mode_enabled"));
    Map<?, ?> cmd = (Map<?, ?>) ((List<?>) at(http, "features", "slash_commands")).get(0);
    for (Object url : List.of(cmd.get("url"), at(http, "settings", "event_subscriptions", "request_url"),
        at(http, "settings", "interactivity", "request_url"))) {
      assertTrue(String.valueOf(url).matches("https://[^/]+/slack/events"), String.valueOf(url));
    }
  }
}
