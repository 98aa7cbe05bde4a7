package dev.mailcheck.slack.listeners.events;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.listeners.ListenerProvider;

/** Events API events other than messages: the App Home being opened. */
public final class EventListeners implements ListenerProvider {
  private final BotServices services;

  public EventListeners(BotServices services) {
    this.services = services;
  }

  @Override
  public void register(App app) {
    app.event(AppHomeOpenedEvent.class, new AppHomeOpened(services));
  }
}
