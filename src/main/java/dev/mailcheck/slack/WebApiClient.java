package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link SlackApi} over HTTPS with OkHttp: form-encoded POSTs to {@code SLACK_API_URL + method}
 * with the bot token as a Bearer header, JSON answers read with Jackson for just the fields the
 * bot needs. (The Slack SDK's client builds a Gson with reflective adapters for Slack's whole
 * message model on every response; at a burst of posts that was most of the bot's allocation and
 * CPU, so the bot's own calls skip it. Bolt still parses incoming requests.)
 *
 * <p>OkHttp's own retry on connection failure is off: it would send a POST again after the
 * request may have reached Slack, and a message could show twice. Instead an {@link EventListener}
 * notes whether OkHttp began writing the request, so a failure is reported as certainly not sent
 * (no connection, refused before writing: safe to repeat) or as ambiguous (the {@link Publisher}
 * looks before it posts again). The token never appears in an exception message or log line.
 */
public final class WebApiClient implements SlackApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  /** How long one call may take in all, connecting included. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /** Slack's answers are small; a conversation page with metadata is the largest, well under this. */
  private static final int MAX_BODY = 8 << 20;
  /** Pages of conversations.history / replies read while looking for a post. */
  private static final int LOOKUP_PAGES = 5;
  private static final int LOOKUP_PAGE_SIZE = 200;
  /** Errors Slack gives with HTTP 200 for trouble on its side: worth trying again, and the call may have taken effect. */
  private static final Set<String> SERVER_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private final OkHttpClient http;
  private final String apiUrl;
  private final String authorization;
  private volatile CallObserver observer;

  public WebApiClient(String apiUrl, String botToken) {
    this(apiUrl, botToken, CALL_TIMEOUT);
  }

  /** @param callTimeout how long one call may take in all (tests use a short one to provoke timeouts) */
  public WebApiClient(String apiUrl, String botToken, Duration callTimeout) {
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    this.authorization = "Bearer " + botToken;
    this.http = new OkHttpClient.Builder()
        // One call per connection at a time: a dropped connection fails one call, not many.
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectTimeout(Math.min(10_000, callTimeout.toMillis()), TimeUnit.MILLISECONDS)
        .readTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectionPool(new ConnectionPool(16, 30, TimeUnit.SECONDS))
        .eventListenerFactory(call -> new SendTracker(call.request().tag(Sent.class)))
        .build();
  }

  /** From now on every call is reported to {@code o} (the bot's metrics). */
  public void observe(CallObserver o) {
    this.observer = o;
  }

  @Override
  public String toString() {
    return "WebApiClient[" + apiUrl + ", token hidden]";
  }

  /** Told of every HTTP call to Slack once it ended: the method, how it ended, how long it took. */
  @FunctionalInterface
  public interface CallObserver {
    /** @param outcome {@code ok} (2xx), {@code http_error} (another status) or {@code network} (no answer) */
    void called(String method, String outcome, long nanos);
  }

  /**
   * Per call: which method it is, set once OkHttp starts writing the request (from then on Slack
   * may have received it), and the status that came back.
   */
  private static final class Sent {
    final String method;
    volatile boolean started;
    volatile int status;

    Sent(String method) {
      this.method = method;
    }
  }

  /** OkHttp's view of one call: when the request went out, and its timing for {@link CallObserver}. */
  private final class SendTracker extends EventListener {
    private final Sent sent;
    private long start;

    SendTracker(Sent sent) {
      this.sent = sent;
    }

    @Override
    public void callStart(Call call) {
      start = System.nanoTime();
    }

    @Override
    public void requestHeadersStart(Call call) {
      if (sent != null) {
        sent.started = true;
      }
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
      if (sent != null) {
        sent.status = response.code();
      }
    }

    @Override
    public void callEnd(Call call) {
      report(sent != null && sent.status / 100 == 2 ? "ok" : "http_error");
    }

    @Override
    public void callFailed(Call call, IOException e) {
      // A failure after the status line (a body cut short) still had no usable answer.
      report("network");
    }

    private void report(String outcome) {
      CallObserver o = observer;
      if (o != null && sent != null) {
        o.called(sent.method, outcome, System.nanoTime() - start);
      }
    }
  }

  /** An answer read in full: status, Retry-After and body. */
  private record Answer(int status, String retryAfter, String body) {}

  private Answer execute(String method, Request.Builder builder) throws SlackCallException {
    Sent sent = new Sent(method);
    Request request = builder.tag(Sent.class, sent).build();
    try (Response r = http.newCall(request).execute()) {
      ResponseBody body = r.body();
      String text = "";
      if (body != null) {
        try (InputStream in = body.byteStream()) {
          text = new String(in.readNBytes(MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
      return new Answer(r.code(), r.header("Retry-After"), text);
    } catch (IOException e) {
      // Before OkHttp wrote anything (no connection, refused, timed out connecting) Slack saw
      // nothing; afterwards the request may have reached it and been acted on.
      throw new SlackCallException(method, "network: " + e.getClass().getSimpleName(), null, true, !sent.started);
    }
  }

  private JsonNode call(String method, FormBody form) throws SlackCallException {
    Answer r = execute(method, new Request.Builder().url(apiUrl + method).header("Authorization", authorization).post(form));
    if (r.status() == 429) {
      throw new SlackCallException(method, SlackCallException.RATELIMITED, retryAfter(r.retryAfter()), true);
    }
    if (r.status() != 200) {
      throw new SlackCallException(method, "http_" + r.status(), null, r.status() >= 500);
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new SlackCallException(method, "unreadable response", null, true);
    }
    if (body == null || !body.path("ok").asBoolean(false)) {
      String error = body == null ? "unreadable response" : body.path("error").asText("unknown_error");
      if (SlackCallException.RATELIMITED.equals(error)) {
        throw new SlackCallException(method, error, Duration.ofSeconds(1), true);
      }
      throw new SlackCallException(method, error, null, SERVER_ERRORS.contains(error));
    }
    return body;
  }

  /** Retry-After in seconds (RFC 9110 §10.2.3); one second when missing or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return Duration.ofSeconds(1);
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  /** A form of the given pairs; null values are left out. */
  private static FormBody form(String... kv) {
    FormBody.Builder b = new FormBody.Builder(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        b.add(kv[i], kv[i + 1]);
      }
    }
    return b.build();
  }

  @Override
  public Identity authTest() throws SlackCallException {
    JsonNode r = call("auth.test", form());
    return new Identity(r.path("user_id").asText(), r.path("user").asText(), r.path("team_id").asText(), r.path("team").asText());
  }

  @Override
  public String postMessage(String channel, String threadTs, SlackMessage m, PostMark mark) throws SlackCallException {
    JsonNode r = call("chat.postMessage", form("channel", channel, "thread_ts", threadTs, "text", m.text(), "blocks", m.blocksJson(),
        "metadata", mark == null ? null : mark.json(), "unfurl_links", "false", "unfurl_media", "false"));
    String ts = r.path("ts").asText("");
    if (ts.isBlank()) {
      // Without a ts there is no thread to post into; replies would land loose in the channel.
      throw new SlackCallException("chat.postMessage", SlackCallException.NO_TS, null, false);
    }
    return ts;
  }

  @Override
  public String findPosted(String channel, String threadTs, PostMark mark, Instant since) throws SlackCallException {
    String method = threadTs == null ? "conversations.history" : "conversations.replies";
    String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
    String cursor = null;
    for (int page = 0; page < LOOKUP_PAGES; page++) {
      JsonNode r = call(method, form("channel", channel, "ts", threadTs, "oldest", oldest, "inclusive", "true",
          "include_all_metadata", "true", "limit", String.valueOf(LOOKUP_PAGE_SIZE), "cursor", cursor));
      for (JsonNode m : r.path("messages")) {
        if (m.has("metadata") && mark.matches(m.path("metadata")) && !m.path("ts").asText("").isBlank()) {
          return m.path("ts").asText();
        }
      }
      cursor = r.path("response_metadata").path("next_cursor").asText("");
      if (!r.path("has_more").asBoolean(false) || cursor.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void update(String channel, String ts, SlackMessage m) throws SlackCallException {
    // Without a blocks field chat.update keeps the message's old blocks, and those are what Slack
    // shows; an empty array clears them so a plain-text update is what the user reads.
    call("chat.update", form("channel", channel, "ts", ts, "text", m.text(), "blocks", m.blocksJson() == null ? "[]" : m.blocksJson()));
  }

  @Override
  public void postEphemeral(String channel, String user, SlackMessage m) throws SlackCallException {
    call("chat.postEphemeral", form("channel", channel, "user", user, "text", m.text(), "blocks", m.blocksJson()));
  }

  @Override
  public void respond(String responseUrl, SlackMessage m) throws SlackCallException {
    HttpUrl url = HttpUrl.parse(responseUrl);
    if (url == null) {
      // Not an http(s) URL: nothing to send it to.
      throw new SlackCallException("response_url", "bad response_url", null, false);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("response_type", "ephemeral");
    body.put("replace_original", false);
    body.put("text", m.text());
    try {
      if (m.blocksJson() != null) {
        body.set("blocks", JSON.readTree(m.blocksJson()));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("blocks are not JSON", e);
    }
    Answer r = execute("response_url", new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE)));
    if (r.status() == 429) {
      throw new SlackCallException("response_url", SlackCallException.RATELIMITED, retryAfter(r.retryAfter()), true);
    }
    if (r.status() != 200) {
      String error = r.body().isBlank() ? "http_" + r.status() : r.body().strip();
      throw new SlackCallException("response_url", error.length() > 100 ? error.substring(0, 100) : error, null, r.status() >= 500);
    }
  }

  @Override
  public String openDm(String user) throws SlackCallException {
    return call("conversations.open", form("users", user)).path("channel").path("id").asText();
  }

  @Override
  public String userLocale(String user) throws SlackCallException {
    JsonNode locale = call("users.info", form("user", user, "include_locale", "true")).path("user").path("locale");
    return locale.isTextual() ? locale.asText() : null;
  }

  @Override
  public void publishHome(String user, String viewJson) throws SlackCallException {
    call("views.publish", form("user_id", user, "view", viewJson));
  }

  /** Stops the connection pool's idle connections and the dispatcher's threads. */
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
