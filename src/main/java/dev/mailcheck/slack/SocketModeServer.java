package dev.mailcheck.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Socket Mode: the bot opens a WebSocket to Slack (URL from apps.connections.open with the app
 * token) and receives commands, actions and events over it, so it needs no public URL.
 */
public final class SocketModeServer implements AutoCloseable {
  /** How long start waits for Slack's hello on the WebSocket before giving up. */
  static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

  private final SocketModeApp socketMode;
  private final AtomicBoolean connected;

  private SocketModeServer(SocketModeApp socketMode, AtomicBoolean connected) {
    this.socketMode = socketMode;
    this.connected = connected;
  }

  /**
   * Connects and returns once Slack has said hello on the WebSocket; Bolt reconnects on its own
   * afterwards. A token Slack refuses is one sentence (IllegalArgumentException), as is a
   * connection that does not open in time (IllegalStateException).
   */
  public static SocketModeServer start(MailcheckBot bot, String appToken) throws Exception {
    if (appToken == null || appToken.isBlank()) {
      throw new IllegalArgumentException("SLACK_APP_TOKEN is not set; Socket Mode needs the app-level token (xapp-…) with connections:write.");
    }
    checkToken(bot, appToken);
    SocketModeApp app = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, bot.app());
    AtomicBoolean connected = new AtomicBoolean();
    SocketModeServer server = new SocketModeServer(app, connected);
    try {
      app.startAsync();
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("could not open the Socket Mode connection to Slack (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").");
    }
    // Bolt makes its client in startAsync; the listeners stay with it across reconnects.
    SocketModeClient client = app.getClient();
    // Slack greets every new WebSocket with {"type":"hello"}: from then on commands can arrive.
    client.addWebSocketMessageListener(message -> {
      if (message != null && message.contains("\"type\":\"hello\"")) {
        connected.set(true);
      }
    });
    // A close may be the old socket of a reconnect; whether the current one is open decides.
    client.addWebSocketCloseListener((code, reason) -> Thread.ofVirtual().start(() -> connected.set(client.verifyConnection())));
    bot.socketState(server::connected);
    long end = System.nanoTime() + CONNECT_WAIT.toNanos();
    while (!connected.get()) {
      if (client.verifyConnection()) {
        connected.set(true);
        break;
      }
      if (System.nanoTime() > end) {
        server.close();
        throw new IllegalStateException("the Socket Mode connection to Slack did not open within " + CONNECT_WAIT.toSeconds() + " s.");
      }
      Thread.sleep(100);
    }
    return server;
  }

  /** apps.connections.open with the token first, so a refused token is named rather than failing inside Bolt. */
  private static void checkToken(MailcheckBot bot, String appToken) {
    AppsConnectionsOpenResponse r;
    try {
      r = bot.app().slack().methods(appToken).appsConnectionsOpen(req -> req.token(appToken));
    } catch (IOException | SlackApiException e) {
      throw new IllegalStateException("could not reach Slack to open the Socket Mode connection (apps.connections.open: "
          + e.getClass().getSimpleName() + ").");
    }
    if (!r.isOk() || r.getUrl() == null) {
      throw new IllegalArgumentException("Slack refused SLACK_APP_TOKEN (apps.connections.open: " + (r.getError() == null ? "no URL" : r.getError())
          + "); give the app-level token (xapp-…) with the connections:write scope.");
    }
  }

  /** Whether the WebSocket to Slack is open as far as we know. */
  public boolean connected() {
    return connected.get();
  }

  @Override
  public void close() throws Exception {
    socketMode.close();
  }
}
