package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link SlackApi} over the Slack SDK's Web API client. The token is handed to the SDK and never
 * appears in an exception message or log line of ours.
 */
public final class WebApiClient implements SlackApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Slack slack;
  private final MethodsClient methods;

  public WebApiClient(Slack slack, String botToken) {
    this.slack = slack;
    this.methods = slack.methods(botToken);
  }

  @FunctionalInterface
  private interface Call<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  private static <T extends SlackApiTextResponse> T call(String method, Call<T> c) throws SlackCallException {
    T response;
    try {
      response = c.run();
    } catch (SlackApiException e) {
      int code = e.getResponse().code();
      if (code == 429) {
        throw new SlackCallException(method, SlackCallException.RATELIMITED, retryAfter(e.getResponse().header("Retry-After")), true);
      }
      String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : "http_" + code;
      throw new SlackCallException(method, error, null, code >= 500);
    } catch (IOException e) {
      throw new SlackCallException(method, "network: " + e.getClass().getSimpleName(), null, true);
    } catch (RuntimeException e) {
      // The SDK's JSON parsing of an unexpected body.
      throw new SlackCallException(method, "unreadable response: " + e.getClass().getSimpleName(), null, true);
    }
    if (!response.isOk()) {
      if (SlackCallException.RATELIMITED.equals(response.getError())) {
        throw new SlackCallException(method, response.getError(), Duration.ofSeconds(1), true);
      }
      throw new SlackCallException(method, response.getError() == null ? "unknown_error" : response.getError(), null, false);
    }
    return response;
  }

  /** Retry-After in seconds (RFC 9110 §10.2.3); one second when missing or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return Duration.ofSeconds(1);
    }
    try {
      long s = Long.parseLong(header.strip());
      return Duration.ofSeconds(Math.max(0, s));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  @Override
  public Identity authTest() throws SlackCallException {
    AuthTestResponse r = call("auth.test", () -> methods.authTest(b -> b));
    return new Identity(r.getUserId(), r.getUser(), r.getTeamId(), r.getTeam());
  }

  @Override
  public String postMessage(String channel, String threadTs, SlackMessage m) throws SlackCallException {
    ChatPostMessageResponse r = call("chat.postMessage", () -> methods.chatPostMessage(b -> b.channel(channel)
        .threadTs(threadTs).text(m.text()).blocksAsString(m.blocksJson()).unfurlLinks(false).unfurlMedia(false)));
    return r.getTs();
  }

  @Override
  public void update(String channel, String ts, SlackMessage m) throws SlackCallException {
    call("chat.update", () -> methods.chatUpdate(b -> b.channel(channel).ts(ts).text(m.text()).blocksAsString(m.blocksJson())));
  }

  @Override
  public void postEphemeral(String channel, String user, SlackMessage m) throws SlackCallException {
    call("chat.postEphemeral", () -> methods.chatPostEphemeral(b -> b.channel(channel).user(user).text(m.text())
        .blocksAsString(m.blocksJson())));
  }

  @Override
  public void respond(String responseUrl, SlackMessage m) throws SlackCallException {
    ObjectNode body = JSON.createObjectNode();
    body.put("response_type", "ephemeral");
    body.put("replace_original", false);
    body.put("text", m.text());
    WebhookResponse r;
    try {
      if (m.blocksJson() != null) {
        body.set("blocks", JSON.readTree(m.blocksJson()));
      }
      r = slack.send(responseUrl, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new SlackCallException("response_url", "network: " + e.getClass().getSimpleName(), null, true);
    }
    int code = r.getCode() == null ? 0 : r.getCode();
    if (code == 429) {
      throw new SlackCallException("response_url", SlackCallException.RATELIMITED, retryAfter(header(r.getHeaders(), "retry-after")), true);
    }
    if (code != 200) {
      throw new SlackCallException("response_url", r.getBody() == null || r.getBody().isBlank() ? "http_" + code : r.getBody().strip(),
          null, code >= 500);
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  @Override
  public String openDm(String user) throws SlackCallException {
    ConversationsOpenResponse r = call("conversations.open", () -> methods.conversationsOpen(b -> b.users(List.of(user))));
    return r.getChannel().getId();
  }

  @Override
  public String userLocale(String user) throws SlackCallException {
    UsersInfoResponse r = call("users.info", () -> methods.usersInfo(b -> b.user(user).includeLocale(true)));
    return r.getUser() == null ? null : r.getUser().getLocale();
  }

  @Override
  public void publishHome(String user, String viewJson) throws SlackCallException {
    call("views.publish", () -> methods.viewsPublish(b -> b.userId(user).viewAsString(viewJson)));
  }
}
