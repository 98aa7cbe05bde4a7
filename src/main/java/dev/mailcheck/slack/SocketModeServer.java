package dev.mailcheck.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;

/**
 * Socket Mode: the bot opens a WebSocket to Slack (URL from apps.connections.open with the app
 * token) and receives commands, actions and events over it, so it needs no public URL.
 */
public final class SocketModeServer implements AutoCloseable {
  private final SocketModeApp socketMode;

  private SocketModeServer(SocketModeApp socketMode) {
    this.socketMode = socketMode;
  }

  /** Connects and returns once the connection is open; Bolt reconnects on its own afterwards. */
  public static SocketModeServer start(MailcheckBot bot, String appToken) throws Exception {
    if (appToken == null || appToken.isBlank()) {
      throw new IllegalArgumentException("SLACK_APP_TOKEN is not set; Socket Mode needs the app-level token (xapp-…) with connections:write.");
    }
    SocketModeApp app = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, bot.app());
    app.startAsync();
    return new SocketModeServer(app);
  }

  @Override
  public void close() throws Exception {
    socketMode.close();
  }
}
