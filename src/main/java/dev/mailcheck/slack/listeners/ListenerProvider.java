package dev.mailcheck.slack.listeners;

import com.slack.api.bolt.App;

/** Registers the handlers of one kind of Slack input with the app. */
public interface ListenerProvider {
  void register(App app);
}
