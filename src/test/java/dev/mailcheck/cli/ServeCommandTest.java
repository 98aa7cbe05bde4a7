package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.bench.LoopbackSlack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mailcheck serve}: its configuration errors, and Socket Mode started through the command. */
class ServeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine cli(Map<String, String> env) {
    CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    ((ServeCommand) cl.getSubcommands().get("serve").getCommand()).env = env;
    return cl;
  }

  @Test
  void missingCredentialsAreOneSentenceAndExitTwo() {
    assertEquals(Main.BAD_INPUT, cli(Map.of()).execute("serve"));
    assertTrue(err.toString().contains("SLACK_BOT_TOKEN is not set"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(Main.BAD_INPUT, cli(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "MAILCHECK_DNS", "127.0.0.1")).execute("serve"));
    assertTrue(err.toString().contains("set SLACK_APP_TOKEN for Socket Mode, or give --http"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(Main.BAD_INPUT, cli(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "MAILCHECK_DNS", "127.0.0.1")).execute("serve", "--http"));
    assertTrue(err.toString().contains("HTTP mode needs SLACK_SIGNING_SECRET"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(Main.BAD_INPUT, cli(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "MAILCHECK_DNS", "127.0.0.1",
        "MAILCHECK_SKIP", "everything")).execute("serve"));
    assertTrue(err.toString().contains("MAILCHECK_SKIP: 'everything' is not something that can be skipped"), err.toString());
    assertTrue(!err.toString().contains("Exception"), "no stack trace: " + err);
  }

  @Test
  void healthzIsUnavailableWhileTheSocketModeConnectionIsDownAndNamesTheAdminAddress() throws Exception {
    HelloServer ws = new HelloServer();
    ws.start();
    ws.started.get(10, TimeUnit.SECONDS);
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world()); LoopbackSlack slack = new LoopbackSlack()) {
      slack.socketUrl("ws://127.0.0.1:" + ws.getPort() + "/");
      Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_API_URL", slack.apiUrl(),
          "MAILCHECK_DNS", "127.0.0.1:" + dns.port());
      CommandLine cl = cli(env);
      ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve", "--port", "0", "--admin-port", "0"));
      assertTrue(serve.ready.await(20, TimeUnit.SECONDS), "started: " + err);
      assertTrue(out.toString().contains("Socket Mode connected; health on http://127.0.0.1:" + serve.adminServer.port() + "/healthz"),
          "the admin address, not --bind's 0.0.0.0: " + out);
      HttpClient c = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + serve.adminServer.port() + "/healthz");
      assertEquals(200, c.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

      ws.stop(1000);
      HttpResponse<String> down = null;
      for (int i = 0; i < 200 && (down == null || down.statusCode() != 503); i++) {
        Thread.sleep(100);
        down = c.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
      }
      assertEquals(503, down.statusCode(), down.body());
      JsonNode h = LoopbackSlack.JSON.readTree(down.body());
      assertEquals("disconnected", h.path("websocket").asText());
      assertEquals("disconnected", h.path("status").asText());
      serve.stop.countDown();
      assertEquals(Main.OK, exit.get(30, TimeUnit.SECONDS));
    } finally {
      ws.stop(1000);
    }
  }

  @Test
  void aRefusedAppTokenIsOneSentenceAndExitTwo() throws Exception {
    for (String error : new String[] {"not_allowed_token_type", "invalid_auth"}) {
      err.getBuffer().setLength(0);
      try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world()); LoopbackSlack slack = new LoopbackSlack()) {
        slack.refuse("apps.connections.open", error);
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-revoked",
            "SLACK_API_URL", slack.apiUrl(), "MAILCHECK_DNS", "127.0.0.1:" + dns.port());
        assertEquals(Main.BAD_INPUT, cli(env).execute("serve", "--bind", "127.0.0.1", "--port", "0"));
        assertTrue(err.toString().contains("Slack refused SLACK_APP_TOKEN (apps.connections.open: " + error + ")"), err.toString());
        assertTrue(!err.toString().contains("Exception") && !err.toString().contains("null"), "one sentence: " + err);
        assertTrue(!out.toString().contains("connected"), out.toString());
      }
    }
  }

  /** Slack's Socket Mode side: says hello to whoever connects. */
  static final class HelloServer extends WebSocketServer {
    final CompletableFuture<Void> started = new CompletableFuture<>();
    final CompletableFuture<Void> connected = new CompletableFuture<>();

    HelloServer() {
      super(new java.net.InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A1\"}}");
      connected.complete(null);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.complete(null);
    }
  }

  @Test
  void socketModeFromTheEnvironmentConnectsAndServesHealthzUntilStopped() throws Exception {
    HelloServer ws = new HelloServer();
    ws.start();
    ws.started.get(10, TimeUnit.SECONDS);
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world()); LoopbackSlack slack = new LoopbackSlack()) {
      slack.socketUrl("ws://127.0.0.1:" + ws.getPort() + "/");
      Map<String, String> env = new HashMap<>();
      env.put("SLACK_BOT_TOKEN", "xoxb-1");
      env.put("SLACK_APP_TOKEN", "xapp-1");
      env.put("SLACK_API_URL", slack.apiUrl());
      env.put("MAILCHECK_DNS", "127.0.0.1:" + dns.port());
      CommandLine cl = cli(env);
      ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve", "--bind", "127.0.0.1", "--port", "0"));
      assertTrue(serve.ready.await(20, TimeUnit.SECONDS), "started: " + err);
      ws.connected.get(10, TimeUnit.SECONDS);
      assertTrue(out.toString().contains("Socket Mode connected"), out.toString());

      HttpClient c = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + serve.httpServer.port();
      HttpResponse<String> health = c.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode h = LoopbackSlack.JSON.readTree(health.body());
      assertEquals(200, health.statusCode());
      assertEquals("socket-mode", h.path("mode").asText());
      assertEquals("connected", h.path("websocket").asText());
      HttpResponse<String> events = c.send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, events.statusCode(), "no /slack/events in Socket Mode");

      serve.stop.countDown();
      assertEquals(Main.OK, exit.get(30, TimeUnit.SECONDS));
      assertTrue(out.toString().contains("mailcheck serve: stopped"), out.toString());
    } finally {
      ws.stop(1000);
    }
  }

  @Test
  void anAdminPortKeepsHealthAndMetricsOffThePortSlackReaches() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world()); LoopbackSlack slack = new LoopbackSlack()) {
      Map<String, String> env = new HashMap<>();
      env.put("SLACK_BOT_TOKEN", "xoxb-1");
      env.put("SLACK_SIGNING_SECRET", "secret");
      env.put("SLACK_API_URL", slack.apiUrl());
      env.put("MAILCHECK_DNS", "127.0.0.1:" + dns.port());
      CommandLine cl = cli(env);
      ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
          () -> cl.execute("serve", "--http", "--bind", "127.0.0.1", "--port", "0", "--admin-port", "0"));
      assertTrue(serve.ready.await(20, TimeUnit.SECONDS), "started: " + err);
      HttpClient c = HttpClient.newHttpClient();
      String slackFacing = "http://127.0.0.1:" + serve.httpServer.port();
      String admin = "http://127.0.0.1:" + serve.adminServer.port();
      for (String path : new String[] {"/healthz", "/metrics"}) {
        assertEquals(404, c.send(HttpRequest.newBuilder(URI.create(slackFacing + path)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
            path + " is not on the Slack-facing port");
        assertEquals(200, c.send(HttpRequest.newBuilder(URI.create(admin + path)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
            path + " is on the admin port");
      }
      assertEquals(401, c.send(HttpRequest.newBuilder(URI.create(slackFacing + "/slack/events")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), "Slack's endpoint is on --port");
      assertEquals(404, c.send(HttpRequest.newBuilder(URI.create(admin + "/slack/events")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertTrue(out.toString().contains("health on http://127.0.0.1:" + serve.adminServer.port() + "/healthz"), out.toString());
      serve.stop.countDown();
      assertEquals(Main.OK, exit.get(30, TimeUnit.SECONDS));
    }
  }
}
