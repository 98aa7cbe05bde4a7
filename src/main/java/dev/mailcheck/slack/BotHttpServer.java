package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP side on the JDK's built-in server, one virtual thread per exchange:
 * {@code POST /slack/events} (HTTP mode: the raw request handed to Bolt's {@code App.run}, which
 * verifies the signature and answers 401 when it is bad or stale), {@code GET /healthz} (JSON,
 * 503 while stopping) and {@code GET /metrics} (Prometheus text). In Socket Mode only the last two
 * are served.
 */
public final class BotHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BotHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Slack's payloads are small; anything far larger is not from Slack. */
  private static final int MAX_BODY = 1 << 20;

  private final MailcheckBot bot;
  private final String mode;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SlackRequestParser parser;
  private final RequestSigner signer;
  private final Instant started = Instant.now();
  private final LatencyWindow ackTimes = new LatencyWindow(2048);

  private BotHttpServer(MailcheckBot bot, String mode, InetSocketAddress bind, boolean events, boolean admin) throws IOException {
    this.bot = bot;
    this.mode = mode;
    this.parser = new SlackRequestParser(bot.app().config());
    String secret = bot.app().config().getSigningSecret();
    this.signer = secret == null || secret.isEmpty() ? null : new RequestSigner(secret);
    this.server = HttpServer.create(bind, 256);
    server.setExecutor(executor);
    if (events) {
      server.createContext("/slack/events", this::events);
    }
    if (admin) {
      server.createContext("/healthz", this::health);
      server.createContext("/metrics", this::metrics);
    }
    server.start();
  }

  /** HTTP mode: Slack events, commands and actions plus health and metrics. */
  public static BotHttpServer http(MailcheckBot bot, InetSocketAddress bind) throws IOException {
    return new BotHttpServer(bot, "http", bind, true, true);
  }

  /** HTTP mode with health and metrics served elsewhere ({@link #admin}): only what Slack needs. */
  public static BotHttpServer slackOnly(MailcheckBot bot, InetSocketAddress bind) throws IOException {
    return new BotHttpServer(bot, "http", bind, true, false);
  }

  /** Health and metrics only, for operators; {@code mode} is reported in /healthz. */
  public static BotHttpServer admin(MailcheckBot bot, InetSocketAddress bind, String mode) throws IOException {
    return new BotHttpServer(bot, mode, bind, false, true);
  }

  /** Socket Mode: health and metrics only (Slack comes in over the WebSocket). */
  public static BotHttpServer healthOnly(MailcheckBot bot, InetSocketAddress bind) throws IOException {
    return admin(bot, bind, "socket-mode");
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void events(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        send(ex, 405, "text/plain; charset=utf-8", "Slack posts here; use POST.");
        return;
      }
      byte[] raw = readBody(ex.getRequestBody());
      if (raw == null) {
        send(ex, 413, "text/plain; charset=utf-8", "request body too large");
        return;
      }
      String body = new String(raw, StandardCharsets.UTF_8);
      // Checked before anything parses the body: unsigned garbage gets a 401 and is never logged.
      if (signer != null && !signer.verify(ex.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
          ex.getRequestHeaders().getFirst("X-Slack-Signature"), body, System.currentTimeMillis() / 1000)) {
        bot.metrics().badSignatures.increment();
        send(ex, 401, "text/plain; charset=utf-8", "invalid signature");
        return;
      }
      if (!looksLikeSlack(ex.getRequestHeaders().getFirst("Content-Type"), body)) {
        // Bolt's parser would log the whole body at WARN before giving up on it.
        send(ex, 400, "text/plain; charset=utf-8", "not a Slack request");
        return;
      }
      Map<String, List<String>> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
      Map<String, List<String>> queryString;
      try {
        queryString = query(ex.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        send(ex, 400, "text/plain; charset=utf-8", "unreadable query string");
        return;
      }
      SlackRequestParser.HttpRequest httpRequest = SlackRequestParser.HttpRequest.builder()
          .requestUri(ex.getRequestURI().getPath())
          .queryString(queryString)
          .headers(new RequestHeaders(headers))
          .requestBody(body)
          .remoteAddress(ex.getRemoteAddress().getAddress().getHostAddress())
          .build();
      Request<?> request;
      try {
        request = parser.parse(httpRequest);
      } catch (RuntimeException e) {
        LOG.info("a signed request could not be read as a Slack payload ({})", e.getClass().getSimpleName());
        request = null;
      }
      if (request == null) {
        send(ex, 400, "text/plain; charset=utf-8", "not a Slack request");
        return;
      }
      Response response;
      try {
        response = bot.app().run(request);
      } catch (Exception e) {
        LOG.error("handling a Slack request failed", e);
        send(ex, 500, "text/plain; charset=utf-8", "internal error");
        return;
      }
      if (response.getStatusCode() == 401) {
        bot.metrics().badSignatures.increment();
      }
      if (response.getHeaders() != null) {
        response.getHeaders().forEach((k, v) -> v.forEach(x -> ex.getResponseHeaders().add(k, x)));
      }
      send(ex, response.getStatusCode(), response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType(),
          response.getBody() == null ? "" : response.getBody());
      long took = System.nanoTime() - t0;
      ackTimes.record(took);
      bot.metrics().acked(took);
    }
  }

  /**
   * The shapes Slack sends: a JSON object (Events API, url_verification), or a form with a
   * slash command ({@code command}), an interaction ({@code payload}) or an {@code ssl_check}.
   */
  static boolean looksLikeSlack(String contentType, String body) {
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      try {
        return JSON.readTree(body) instanceof ObjectNode;
      } catch (IOException e) {
        return false;
      }
    }
    try {
      Map<String, List<String>> form = query(body);
      return form.containsKey("command") || form.containsKey("payload") || form.containsKey("ssl_check");
    } catch (IllegalArgumentException e) {
      return false; // a broken %-escape
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_BODY + 1);
    return b.length > MAX_BODY ? null : b;
  }

  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private void health(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode body = JSON.createObjectNode();
      boolean stopping = bot.closing();
      String socket = bot.socketMode();
      // A bot whose WebSocket is down receives no commands, so it is not healthy either.
      boolean disconnected = "disconnected".equals(socket);
      body.put("status", stopping ? "stopping" : disconnected ? "disconnected" : "ok");
      body.put("mode", mode);
      if (socket != null) {
        body.put("websocket", socket);
      }
      body.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
      ObjectNode stats = body.putObject("stats");
      bot.stats().forEach(stats::put);
      ackTimes.percentiles().forEach(stats::put);
      Memory.read().forEach(stats::put);
      send(ex, stopping || disconnected ? 503 : 200, "application/json", body.toString());
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    try (ex) {
      BotMetrics.Scrape s = bot.metrics().scrape(ex.getRequestHeaders().getFirst("Accept"));
      send(ex, 200, s.contentType(), s.body());
    }
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }

  /** Resident memory of this process from /proc/self/status (Linux), in bytes; empty elsewhere. */
  public static final class Memory {
    private Memory() {}

    public static Map<String, Long> read() {
      Map<String, Long> out = new LinkedHashMap<>();
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmRSS:")) {
            out.put("resident_bytes", kb(line));
          } else if (line.startsWith("VmHWM:")) {
            out.put("resident_peak_bytes", kb(line));
          }
        }
      } catch (IOException | RuntimeException e) {
        // Not Linux: no figures rather than wrong ones.
      }
      return out;
    }

    private static long kb(String line) {
      return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
  }
}
