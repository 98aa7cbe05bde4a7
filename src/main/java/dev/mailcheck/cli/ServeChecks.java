package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.spf.SpfRequest;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything {@code mailcheck serve} is given, checked before its first network call (auth.test),
 * so that a typo is one sentence at once instead of a wait for Slack followed by Java's wording.
 */
final class ServeChecks {
  /** A slash command as Slack's app settings accept it: a slash and up to 31 more characters, no space. */
  private static final java.util.regex.Pattern COMMAND = java.util.regex.Pattern.compile("/[^\\s/]{1,31}");

  private ServeChecks() {}

  /**
   * @param socket true for Socket Mode (where --port only serves /healthz and /metrics)
   * @throws InputException with the one sentence that names the first problem
   */
  static void check(Config config, boolean socket, int port, String bind, Integer adminPort, String adminBind, String command,
      Duration timeout, int maxRuns, int queue, int perUser) {
    String bot = config.get("SLACK_BOT_TOKEN");
    if (bot == null) {
      throw new InputException("input.serve.bot-token-missing");
    }
    if (bot.toLowerCase(Locale.ROOT).startsWith("xapp-")) {
      throw new InputException("input.serve.bot-token-app");
    }
    String app = config.get("SLACK_APP_TOKEN");
    if (socket && app != null && !app.toLowerCase(Locale.ROOT).startsWith("xapp-")) {
      throw new InputException("input.serve.app-token-kind");
    }
    String api = config.get("SLACK_API_URL");
    if (api != null && !isHttpUrl(api)) {
      throw new InputException("input.serve.api-url", Echo.of(api));
    }
    if (command == null || !COMMAND.matcher(command.strip()).matches()) {
      throw new InputException("input.serve.command", Echo.of(command));
    }
    port("--port", port);
    InetAddress bindAddress = address("--bind", bind);
    InetAddress adminAddress = null;
    if (adminPort != null) {
      port("--admin-port", adminPort);
      adminAddress = address("--admin-bind", adminBind);
      if (!socket && adminPort.intValue() == port && port != 0) {
        throw new InputException("input.serve.same-port", port);
      }
    }
    DurationConverter.requirePositive(timeout, "--timeout");
    atLeast("--max-runs", maxRuns, 1);
    atLeast("--queue", queue, 0);
    atLeast("--per-user", perUser, 1);
    // Socket Mode with --admin-port serves nothing on --port.
    if (!(socket && adminPort != null)) {
      free(bindAddress, bind, port, "--port");
    }
    if (adminAddress != null) {
      free(adminAddress, adminBind, adminPort, "--admin-port");
    }
  }

  /** The sentence for a port found taken when the server binds it (after the early check, someone else took it). */
  static InputException inUse(int port, String bind, String option) {
    return new InputException("input.serve.port-in-use", port, Echo.of(bind), option);
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getQuery() == null && u.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void port(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new InputException("input.serve.port", option, port);
    }
  }

  /** An IP literal of this machine (or the wildcard, or "localhost"): anything else cannot be listened on. */
  private static InetAddress address(String option, String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    InetAddress a = t.equalsIgnoreCase("localhost") ? InetAddress.getLoopbackAddress() : SpfRequest.parseAddress(t);
    try {
      if (a == null || !(a.isAnyLocalAddress() || a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null)) {
        throw new InputException("input.serve.bind", option, Echo.of(text));
      }
    } catch (SocketException e) {
      throw new InputException("input.serve.bind", option, Echo.of(text));
    }
    return a;
  }

  static void atLeast(String option, int value, int min) {
    if (value < min) {
      throw new InputException("input.serve.at-least", option, min, value);
    }
  }

  /** Binds the port once and lets it go: a port in use is found before Slack is contacted. */
  private static void free(InetAddress address, String shown, int port, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      throw inUse(port, shown, option);
    } catch (IOException e) {
      throw new InputException("input.serve.bind", option, Echo.of(shown));
    }
  }
}
