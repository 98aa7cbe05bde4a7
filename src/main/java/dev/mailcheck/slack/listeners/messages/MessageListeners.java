package dev.mailcheck.slack.listeners.messages;

import com.slack.api.bolt.App;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.listeners.ListenerProvider;

/**
 * Messages in the bot's Messages tab ({@code message.im}). Plain messages are read as commands;
 * edits, deletions and other bots' messages (the bot's own updates of its DM threads among them)
 * are acknowledged and left alone, rather than logged by Bolt as unhandled.
 */
public final class MessageListeners implements ListenerProvider {
  private final BotServices services;
  private final CheckRequests requests;

  public MessageListeners(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public void register(App app) {
    app.event(MessageEvent.class, new DirectMessage(services, requests));
    app.event(MessageChangedEvent.class, (payload, ctx) -> ctx.ack());
    app.event(MessageDeletedEvent.class, (payload, ctx) -> ctx.ack());
    app.event(MessageBotEvent.class, (payload, ctx) -> ctx.ack());
  }
}
