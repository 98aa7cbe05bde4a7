package dev.mailcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailcheck.slack.Blocks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A stand-in for the Slack Web API on 127.0.0.1, for end-to-end tests and {@code mailcheck bench
 * slack} (as {@code LoopbackDnsServer} stands in for DNS): answers the methods the bot uses the
 * way Slack does (HTTP 200 with {@code ok:false} for errors, HTTP 429 with Retry-After when rate
 * limiting, {@code invalid_blocks}/{@code msg_blocks_too_long} for messages over Block Kit's
 * limits), records every call with its form parameters, and records what is posted to response
 * URLs ({@code /response/...}) on the same server.
 */
public final class LoopbackSlack implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String BOT_USER = "UBOT";

  /** One recorded call: the method (or {@code response_url}) and its parameters. */
  public record Call(String method, Map<String, String> params, long atNanos) {
    public String get(String k) {
      return params.get(k);
    }

    /** Text and blocks together, for asserting what a user would read. */
    public String content() {
      return (params.getOrDefault("text", "") + "\n" + params.getOrDefault("blocks", "") + "\n" + params.getOrDefault("view", ""));
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong ts = new AtomicLong();
  private final Map<String, String> channelErrors = new ConcurrentHashMap<>();
  private final Map<String, String> locales = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rateLimits = new ConcurrentHashMap<>();
  private final AtomicInteger rateLimitedAnswers = new AtomicInteger();
  private volatile Predicate<Map<String, String>> rateLimitWhen = p -> true;
  private volatile String socketUrl;
  private volatile Predicate<Map<String, String>> refuseBlocks = p -> false;
  private final Map<String, java.util.concurrent.CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

  public LoopbackSlack() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/", this::api);
    server.createContext("/response/", this::response);
    server.start();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
  }

  /** chat.postMessage to this channel answers {@code ok:false} with this error. */
  public LoopbackSlack failChannel(String channel, String error) {
    channelErrors.put(channel, error);
    return this;
  }

  /** chat.postMessage to this channel answers ok but without a ts, as a broken proxy might. */
  public LoopbackSlack omitTs(String channel) {
    noTs.add(channel);
    return this;
  }

  private final java.util.Set<String> noTs = ConcurrentHashMap.newKeySet();

  public LoopbackSlack locale(String user, String locale) {
    locales.put(user, locale);
    return this;
  }

  /** The next {@code n} calls of the method (matching the predicate) get HTTP 429 with Retry-After: 1. */
  public LoopbackSlack rateLimit(String method, int n, Predicate<Map<String, String>> when) {
    rateLimits.put(method, new AtomicInteger(n));
    rateLimitWhen = when;
    return this;
  }

  /** The next {@code n} calls of the method matching the predicate get this HTTP status (a 5xx), unrecorded. */
  public LoopbackSlack failHttp(String method, int n, int status, Predicate<Map<String, String>> when) {
    httpFailures.put(method, new HttpFailure(new AtomicInteger(n), status, when));
    return this;
  }

  /** Every call of the method is answered {"ok":false,"error":error}, as Slack answers a call it refuses. */
  public LoopbackSlack refuse(String method, String error) {
    refusals.put(method, error);
    return this;
  }

  private final Map<String, String> refusals = new ConcurrentHashMap<>();

  private record HttpFailure(AtomicInteger left, int status, Predicate<Map<String, String>> when) {}

  private final Map<String, HttpFailure> httpFailures = new ConcurrentHashMap<>();

  public int rateLimitedAnswers() {
    return rateLimitedAnswers.get();
  }

  /** Matching messages with blocks are refused with invalid_blocks, as Slack does for blocks it cannot read. */
  public LoopbackSlack refuseBlocks(Predicate<Map<String, String>> when) {
    this.refuseBlocks = when;
    return this;
  }

  public LoopbackSlack socketUrl(String url) {
    this.socketUrl = url;
    return this;
  }

  /** Calls of the method are held, unanswered, until the gate opens (tests of what happens meanwhile). */
  public LoopbackSlack hold(String method, java.util.concurrent.CountDownLatch gate) {
    gates.put(method, gate);
    return this;
  }

  /** How many calls of the method have reached the fake, answered or still held. */
  public int arrivals(String method) {
    AtomicInteger n = arrivals.get(method);
    return n == null ? 0 : n.get();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Call> calls(String method, Predicate<Call> p) {
    return calls.stream().filter(c -> c.method().equals(method) && p.test(c)).toList();
  }

  /** Waits until at least {@code n} calls of the method match, or fails after the timeout. */
  public List<Call> await(String method, Predicate<Call> p, int n, Duration timeout) throws InterruptedException {
    if (!awaitTrue(() -> calls(method, p).size() >= n, timeout)) {
      throw new IllegalStateException("expected " + n + " " + method + " call(s), got " + calls(method, p).size() + "; all calls: "
          + calls.stream().map(Call::method).toList());
    }
    return calls(method, p);
  }

  /** Waits until at least {@code n} calls of the method have reached the fake (answered or held). */
  public void awaitArrivals(String method, int n, Duration timeout) throws InterruptedException {
    if (!awaitTrue(() -> arrivals(method) >= n, timeout)) {
      throw new IllegalStateException("expected " + n + " " + method + " call(s) to arrive, got " + arrivals(method));
    }
  }

  /** Waits until at least {@code n} calls were answered 429. */
  public void awaitRateLimited(int n, Duration timeout) throws InterruptedException {
    if (!awaitTrue(() -> rateLimitedAnswers.get() >= n, timeout)) {
      throw new IllegalStateException("expected " + n + " rate-limited answers, got " + rateLimitedAnswers.get());
    }
  }

  private boolean awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (!condition.getAsBoolean()) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        signal.wait(Math.min(left, 100));
      }
      return true;
    }
  }

  private void api(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      params.putAll(form(ex.getRequestURI().getRawQuery()));
      arrived(method);
      java.util.concurrent.CountDownLatch gate = gates.get(method);
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      HttpFailure failure = httpFailures.get(method);
      if (failure != null && failure.when().test(params) && failure.left().getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
        send(ex, failure.status(), "{\"ok\":false,\"error\":\"internal_error\"}");
        return;
      }
      String refused = refusals.get(method);
      if (refused != null) {
        send(ex, 200, "{\"ok\":false,\"error\":\"" + refused + "\"}");
        return;
      }
      AtomicInteger limit = rateLimits.get(method);
      if (limit != null && rateLimitWhen.test(params) && limit.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
        rateLimitedAnswers.incrementAndGet();
        wake();
        ex.getResponseHeaders().set("Retry-After", "1");
        send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
        return;
      }
      send(ex, 200, answer(method, params).toString());
    }
  }

  /**
   * Acts on one Web API call as Slack would and records it. The call is recorded only once its
   * parameters are final (a posted message's ts included), so a test that sees it sees all of it.
   */
  ObjectNode answer(String method, Map<String, String> params) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    if (method.startsWith("chat.")) {
      String refusal = blockKitError(params);
      if (refusal != null) {
        record(rejected, method, params);
        r.put("ok", false);
        r.put("error", refusal);
        return r;
      }
    }
    r.put("ok", true);
    switch (method) {
      case "auth.test" -> {
        r.put("url", "https://test.example/");
        r.put("team", "Test Team");
        r.put("user", "mailcheck");
        r.put("team_id", "T1");
        r.put("user_id", BOT_USER);
        r.put("bot_id", "B1");
      }
      case "chat.postMessage" -> {
        String channel = params.get("channel");
        String err = channelErrors.get(channel);
        if (err != null) {
          r.put("ok", false);
          r.put("error", err);
        } else {
          String t = nextTs();
          r.put("channel", channel);
          if (!noTs.contains(channel)) {
            r.put("ts", t);
          }
          params.put("ts", t);
          history.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Posted(t, params.get("thread_ts"), params.get("text"),
              params.get("metadata")));
        }
      }
      case "chat.update" -> {
        r.put("channel", params.get("channel"));
        r.put("ts", params.get("ts"));
      }
      case "chat.postEphemeral" -> r.put("message_ts", nextTs());
      case "conversations.open" -> r.putObject("channel").put("id", "D" + params.get("users"));
      case "conversations.history" -> messages(r, params, p -> p.threadTs() == null, true);
      case "conversations.replies" -> {
        String parent = params.get("ts");
        messages(r, params, p -> p.ts().equals(parent) || parent != null && parent.equals(p.threadTs()), false);
      }
      case "users.info" -> {
        ObjectNode u = r.putObject("user");
        u.put("id", params.get("user"));
        u.put("name", params.get("user").toLowerCase(java.util.Locale.ROOT));
        u.put("locale", locales.getOrDefault(params.get("user"), "en-US"));
      }
      case "views.publish" -> r.putObject("view").put("id", "V1");
      case "apps.connections.open" -> r.put("url", socketUrl);
      default -> {
        r.put("ok", false);
        r.put("error", "unknown_method");
      }
    }
    record(calls, method, params);
    return r;
  }

  /** A message the fake holds, for conversations.history and conversations.replies. */
  private record Posted(String ts, String threadTs, String text, String metadata) {}

  private final Map<String, List<Posted>> history = new ConcurrentHashMap<>();

  /**
   * Messages of a channel the way Slack lists them: history newest first, a thread's replies
   * oldest first; {@code oldest} bounds them, and metadata is included only when asked for.
   */
  private void messages(ObjectNode r, Map<String, String> params, Predicate<Posted> which, boolean newestFirst) throws IOException {
    List<Posted> all = new ArrayList<>(history.getOrDefault(params.get("channel"), List.of()));
    double oldest = params.get("oldest") == null ? 0 : Double.parseDouble(params.get("oldest"));
    boolean metadata = "true".equals(params.get("include_all_metadata"));
    if (newestFirst) {
      java.util.Collections.reverse(all);
    }
    com.fasterxml.jackson.databind.node.ArrayNode out = r.putArray("messages");
    for (Posted p : all) {
      if (!which.test(p) || Double.parseDouble(p.ts()) < oldest) {
        continue;
      }
      ObjectNode m = out.addObject();
      m.put("type", "message");
      m.put("user", BOT_USER);
      m.put("bot_id", "B1");
      m.put("ts", p.ts());
      if (p.threadTs() != null) {
        m.put("thread_ts", p.threadTs());
      }
      m.put("text", p.text());
      if (metadata && p.metadata() != null) {
        m.set("metadata", JSON.readTree(p.metadata()));
      }
    }
    r.put("has_more", false);
  }

  private void record(List<Call> into, String method, Map<String, String> params) {
    into.add(new Call(method, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params)), System.nanoTime()));
    wake();
  }

  private void arrived(String method) {
    arrivals.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
    wake();
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Notified whenever a call arrives or is recorded: what the waits below wait on. */
  private final Object signal = new Object();

  private final List<Call> rejected = new CopyOnWriteArrayList<>();

  /** Messages refused for breaking Block Kit's rules. */
  public List<Call> rejected() {
    return List.copyOf(rejected);
  }

  /** Slack's limits on a message: what it refuses, with the error it gives, or null. */
  private String blockKitError(Map<String, String> params) throws IOException {
    String text = params.get("text");
    String blocks = params.get("blocks");
    if ((text == null || text.isBlank()) && (blocks == null || blocks.isBlank())) {
      return "no_text";
    }
    if (blocks == null || blocks.isBlank() || blocks.strip().equals("[]")) {
      return text == null || text.isBlank() ? "no_text" : text.length() > 40_000 ? "msg_too_long" : null;
    }
    if (refuseBlocks.test(params)) {
      return "invalid_blocks";
    }
    JsonNode arr = JSON.readTree(blocks);
    if (!arr.isArray() || arr.size() > 50) {
      return "invalid_blocks";
    }
    int total = 0;
    for (JsonNode b : arr) {
      String type = b.path("type").asText();
      String t = b.path("text").path("text").asText("");
      if (type.equals("section") && (t.isEmpty() || t.length() > 3000)) {
        return "invalid_blocks";
      }
      if (type.equals("header") && (t.isEmpty() || t.length() > 150)) {
        return "invalid_blocks";
      }
      if (type.equals("context") && b.path("elements").size() > 10) {
        return "invalid_blocks";
      }
      if (type.equals("actions")) {
        for (JsonNode e : b.path("elements")) {
          if (e.path("text").path("text").asText().length() > 75 || e.path("value").asText().length() > 2000) {
            return "invalid_blocks";
          }
        }
      }
      total += t.length();
      for (JsonNode e : b.path("elements")) {
        total += e.path("text").isTextual() ? e.path("text").asText().length() : e.path("text").path("text").asText().length();
      }
    }
    return total > 12_000 ? "msg_blocks_too_long" : null;
  }

  /** Slack's ts: seconds and microseconds of the wall clock, unique within the channel (here: the fake). */
  private String nextTs() {
    long now = System.currentTimeMillis() * 1000;
    long v = ts.updateAndGet(prev -> Math.max(prev + 1, now));
    return (v / 1_000_000) + "." + String.format("%06d", v % 1_000_000);
  }

  private void response(HttpExchange ex) throws IOException {
    try (ex) {
      if (ex.getRequestURI().getPath().contains("expired")) {
        // Slack's answer to a response_url used after 30 minutes or more than five times.
        byte[] b = "expired_url".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(404, b.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(b);
        }
        return;
      }
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      Map<String, String> params = new LinkedHashMap<>();
      params.put("url", ex.getRequestURI().getPath());
      params.put("text", body.path("text").asText());
      params.put("response_type", body.path("response_type").asText());
      params.put("blocks", body.path("blocks").toString());
      record(calls, "response_url", params);
      ex.getResponseHeaders().set("Content-Type", "text/plain");
      byte[] b = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  /** A form body ({@code application/x-www-form-urlencoded}) as a map. */
  public static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return m;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** Blocks of a call as JSON, or an empty array. */
  public static JsonNode blocks(Call c) {
    try {
      String b = c.params().get("blocks");
      return b == null ? JSON.createArrayNode() : JSON.readTree(b);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> texts(Call c) {
    List<String> out = new ArrayList<>();
    out.add(c.params().getOrDefault("text", ""));
    String b = c.params().get("blocks");
    if (b != null && !b.isEmpty() && !b.equals("null")) {
      out.addAll(Blocks.texts(b));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
