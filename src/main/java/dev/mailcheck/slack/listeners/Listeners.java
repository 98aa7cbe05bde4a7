package dev.mailcheck.slack.listeners;

import com.slack.api.bolt.App;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.listeners.actions.ActionListeners;
import dev.mailcheck.slack.listeners.commands.CommandListeners;
import dev.mailcheck.slack.listeners.events.EventListeners;
import dev.mailcheck.slack.listeners.messages.MessageListeners;
import dev.mailcheck.slack.listeners.shortcuts.ShortcutListeners;
import java.util.List;

/**
 * Every handler the bot has, one package per kind of Slack input: slash commands, block actions
 * (buttons), events (App Home), messages (direct messages to the bot) and message shortcuts. Each handler
 * acknowledges at once and hands its work to the bot's intake executor.
 */
public final class Listeners {
  private Listeners() {}

  public static void register(App app, BotServices services) {
    CheckRequests requests = new CheckRequests(services);
    for (ListenerProvider p : List.of(new CommandListeners(services, requests), new ActionListeners(services, requests),
        new EventListeners(services), new MessageListeners(services, requests), new ShortcutListeners(services))) {
      p.register(app);
    }
  }
}
