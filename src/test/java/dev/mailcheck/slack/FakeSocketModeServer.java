package dev.mailcheck.slack;

import dev.mailcheck.bench.LoopbackSlack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's side of a Socket Mode connection on 127.0.0.1: greets a client with {@code hello},
 * sends envelopes on request, and records what the client sends back (the acks).
 */
final class FakeSocketModeServer extends WebSocketServer {
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private volatile WebSocket client;

  FakeSocketModeServer() {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
  }

  String url() {
    return "ws://127.0.0.1:" + getPort() + "/";
  }

  void awaitStarted() throws InterruptedException {
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the fake Socket Mode server did not start");
    }
  }

  /**
   * Waits for the bot's connection. Bolt may open one, then replace it with a fresh one when the
   * app starts; envelopes go to the single connection left open.
   */
  void awaitConnected(Duration timeout) throws InterruptedException {
    if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the bot did not connect over Socket Mode");
    }
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      var open = getConnections().stream().filter(WebSocket::isOpen).toList();
      if (open.size() == 1) {
        Thread.sleep(100);
        var again = getConnections().stream().filter(WebSocket::isOpen).toList();
        if (again.size() == 1 && again.get(0) == open.get(0)) {
          client = open.get(0);
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no single open Socket Mode connection");
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    client = conn;
    ObjectNode hello = LoopbackSlack.JSON.createObjectNode();
    hello.put("type", "hello");
    hello.put("num_connections", 1);
    hello.putObject("debug_info").put("host", "fake").put("approximate_connection_time", 3600);
    hello.putObject("connection_info").put("app_id", "A1");
    conn.send(hello.toString());
    connected.countDown();
  }

  /** Sends a slash_commands envelope as Slack does. */
  void sendCommand(String envelopeId, String text, String user, String channel, String responseUrl) {
    ObjectNode env = LoopbackSlack.JSON.createObjectNode();
    env.put("envelope_id", envelopeId);
    env.put("type", "slash_commands");
    env.put("accepts_response_payload", true);
    ObjectNode p = env.putObject("payload");
    p.put("token", "legacy");
    p.put("team_id", "T1");
    p.put("team_domain", "test");
    p.put("channel_id", channel);
    p.put("channel_name", "ops");
    p.put("user_id", user);
    p.put("user_name", user.toLowerCase());
    p.put("command", "/mailcheck");
    p.put("text", text);
    p.put("api_app_id", "A1");
    p.put("is_enterprise_install", "false");
    p.put("response_url", responseUrl);
    p.put("trigger_id", "1.2.3");
    client.send(env.toString());
  }

  /** Sends an interactive envelope (a button click) with the given block_actions payload. */
  void sendInteractive(String envelopeId, ObjectNode payload) {
    ObjectNode env = LoopbackSlack.JSON.createObjectNode();
    env.put("envelope_id", envelopeId);
    env.put("type", "interactive");
    env.put("accepts_response_payload", false);
    env.set("payload", payload);
    client.send(env.toString());
  }

  /** Sends an events_api envelope carrying an Events API body (event_callback). */
  void sendEvent(String envelopeId, ObjectNode body) {
    ObjectNode env = LoopbackSlack.JSON.createObjectNode();
    env.put("envelope_id", envelopeId);
    env.put("type", "events_api");
    env.put("accepts_response_payload", false);
    env.put("retry_attempt", 0);
    env.put("retry_reason", "");
    env.set("payload", body);
    client.send(env.toString());
  }

  /** The acks received for envelope IDs, waiting until {@code n} arrived. */
  List<JsonNode> awaitAcks(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      List<JsonNode> acks = received.stream().filter(j -> j.has("envelope_id")).toList();
      if (acks.size() >= n) {
        return acks;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("expected " + n + " acks, got " + received);
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

  @Override
  public void onMessage(WebSocket conn, String message) {
    try {
      received.add(LoopbackSlack.JSON.readTree(message));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer message) {}

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    started.countDown();
  }
}
