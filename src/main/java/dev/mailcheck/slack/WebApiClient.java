package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SlackApi} over HTTPS with the JDK's HTTP client: form-encoded POSTs to
 * {@code SLACK_API_URL + method} with the bot token as a Bearer header, JSON answers read with
 * Jackson for just the fields the bot needs. (The Slack SDK's client builds a new Gson with
 * reflective adapters for Slack's whole message model on every response; at a burst of posts that
 * was most of the bot's allocation and CPU, so the bot's own calls skip it. Bolt still parses
 * incoming requests.) The token never appears in an exception message or log line.
 */
public final class WebApiClient implements SlackApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String apiUrl;
  private final String authorization;

  public WebApiClient(String apiUrl, String botToken) {
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    this.authorization = "Bearer " + botToken;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String toString() {
    return "WebApiClient[" + apiUrl + ", token hidden]";
  }

  private JsonNode call(String method, Map<String, String> params) throws SlackCallException {
    StringBuilder form = new StringBuilder();
    params.forEach((k, v) -> {
      if (v != null) {
        if (!form.isEmpty()) {
          form.append('&');
        }
        form.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    HttpRequest req = HttpRequest.newBuilder(URI.create(apiUrl + method))
        .timeout(TIMEOUT)
        .header("Authorization", authorization)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
        .build();
    HttpResponse<String> r = send(method, req);
    if (r.statusCode() == 429) {
      throw new SlackCallException(method, SlackCallException.RATELIMITED, retryAfter(r.headers().firstValue("Retry-After").orElse(null)), true);
    }
    if (r.statusCode() != 200) {
      throw new SlackCallException(method, "http_" + r.statusCode(), null, r.statusCode() >= 500);
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new SlackCallException(method, "unreadable response", null, true);
    }
    if (!body.path("ok").asBoolean(false)) {
      String error = body.path("error").asText("unknown_error");
      if (SlackCallException.RATELIMITED.equals(error)) {
        throw new SlackCallException(method, error, Duration.ofSeconds(1), true);
      }
      throw new SlackCallException(method, error, null, false);
    }
    return body;
  }

  private HttpResponse<String> send(String method, HttpRequest req) throws SlackCallException {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      // No connection was made, so Slack never saw the call.
      throw new SlackCallException(method, "network: " + e.getClass().getSimpleName(), null, true, true);
    } catch (IOException e) {
      // The request may have reached Slack (a timeout or a connection lost while waiting for the answer).
      throw new SlackCallException(method, "network: " + e.getClass().getSimpleName(), null, true, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallException(method, "interrupted", null, false);
    }
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

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public Identity authTest() throws SlackCallException {
    JsonNode r = call("auth.test", params());
    return new Identity(r.path("user_id").asText(), r.path("user").asText(), r.path("team_id").asText(), r.path("team").asText());
  }

  @Override
  public String postMessage(String channel, String threadTs, SlackMessage m) throws SlackCallException {
    JsonNode r = call("chat.postMessage", params("channel", channel, "thread_ts", threadTs, "text", m.text(), "blocks", m.blocksJson(),
        "unfurl_links", "false", "unfurl_media", "false"));
    String ts = r.path("ts").asText("");
    if (ts.isBlank()) {
      // Without a ts there is no thread to post into; replies would land loose in the channel.
      throw new SlackCallException("chat.postMessage", SlackCallException.NO_TS, null, false);
    }
    return ts;
  }

  @Override
  public void update(String channel, String ts, SlackMessage m) throws SlackCallException {
    // Without a blocks field chat.update keeps the message's old blocks, and those are what Slack
    // shows; an empty array clears them so a plain-text update is what the user reads.
    call("chat.update", params("channel", channel, "ts", ts, "text", m.text(), "blocks", m.blocksJson() == null ? "[]" : m.blocksJson()));
  }

  @Override
  public void postEphemeral(String channel, String user, SlackMessage m) throws SlackCallException {
    call("chat.postEphemeral", params("channel", channel, "user", user, "text", m.text(), "blocks", m.blocksJson()));
  }

  @Override
  public void respond(String responseUrl, SlackMessage m) throws SlackCallException {
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
    HttpRequest req;
    try {
      // The JDK refuses a URL that is not http(s) only here, with IllegalArgumentException.
      req = HttpRequest.newBuilder(URI.create(responseUrl)).timeout(TIMEOUT)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
          .build();
    } catch (IllegalArgumentException e) {
      throw new SlackCallException("response_url", "bad response_url", null, false);
    }
    HttpResponse<String> r = send("response_url", req);
    if (r.statusCode() == 429) {
      throw new SlackCallException("response_url", SlackCallException.RATELIMITED,
          retryAfter(r.headers().firstValue("Retry-After").orElse(null)), true);
    }
    if (r.statusCode() != 200) {
      String error = r.body() == null || r.body().isBlank() ? "http_" + r.statusCode() : r.body().strip();
      throw new SlackCallException("response_url", error.length() > 100 ? error.substring(0, 100) : error, null, r.statusCode() >= 500);
    }
  }

  @Override
  public String openDm(String user) throws SlackCallException {
    return call("conversations.open", params("users", user)).path("channel").path("id").asText();
  }

  @Override
  public String userLocale(String user) throws SlackCallException {
    JsonNode locale = call("users.info", params("user", user, "include_locale", "true")).path("user").path("locale");
    return locale.isTextual() ? locale.asText() : null;
  }

  @Override
  public void publishHome(String user, String viewJson) throws SlackCallException {
    call("views.publish", params("user_id", user, "view", viewJson));
  }
}
