package dev.mailcheck.slack.listeners.messages;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.Origin;
import dev.mailcheck.slack.Reply;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A direct message to the bot, read as the text of a slash command: {@code example.com} runs a
 * check whose thread goes in this conversation, {@code help} answers with usage. Answers are
 * ordinary messages in the DM (a DM has no response_url). Messages from bots (the bot's own posts
 * included), replies inside threads, and events Slack delivers again are ignored.
 */
public final class DirectMessage implements BoltEventHandler<MessageEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DirectMessage.class);
  /** How many handled messages are remembered, to drop the same event delivered twice. */
  private static final int REMEMBERED = 1_000;

  private final BotServices services;
  private final CheckRequests requests;
  private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  public DirectMessage(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
    MessageEvent e = payload.getEvent();
    if (isForUs(e) && firstDelivery(e)) {
      services.intake().execute(() -> handle(e));
    }
    return ctx.ack();
  }

  /** A person's top-level message in a DM with the bot. */
  boolean isForUs(MessageEvent e) {
    return "im".equals(e.getChannelType()) && e.getBotId() == null && e.getUser() != null && !e.getUser().equals(services.botUserId())
        && e.getChannel() != null && e.getText() != null && (e.getThreadTs() == null || e.getThreadTs().equals(e.getTs()));
  }

  /** Slack sends an event again when it thinks the first delivery failed; a message is one request. */
  private boolean firstDelivery(MessageEvent e) {
    synchronized (seen) {
      return seen.put(e.getChannel() + "/" + e.getTs(), Boolean.TRUE) == null;
    }
  }

  private void handle(MessageEvent e) {
    try {
      Origin here = new Origin(e.getChannel(), null);
      Reply reply = Reply.inConversation(services.publisher(), e.getChannel());
      requests.handle(new CheckRequests.Request(withoutCommand(e.getText()), e.getUser(), null, here, here, reply),
          services.rendererFor(e.getUser()));
    } catch (RuntimeException ex) {
      LOG.error("handling a direct message failed", ex);
    }
  }

  /** "/mailcheck example.com" typed as a message means the same as "example.com". */
  private String withoutCommand(String text) {
    String t = text.strip();
    String command = services.settings().command().toLowerCase(Locale.ROOT);
    if (t.toLowerCase(Locale.ROOT).startsWith(command) && (t.length() == command.length() || Character.isWhitespace(t.charAt(command.length())))) {
      return t.substring(command.length());
    }
    return t;
  }
}
