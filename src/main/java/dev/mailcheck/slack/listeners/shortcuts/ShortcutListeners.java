package dev.mailcheck.slack.listeners.shortcuts;

import com.slack.api.bolt.App;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.BounceRequests;
import dev.mailcheck.slack.listeners.ListenerProvider;

/** The message shortcut "Diagnose bounce" (callback ID {@value DiagnoseBounceShortcut#CALLBACK_ID}, declared in both manifests). */
public final class ShortcutListeners implements ListenerProvider {
  private final BotServices services;

  public ShortcutListeners(BotServices services) {
    this.services = services;
  }

  @Override
  public void register(App app) {
    app.messageShortcut(DiagnoseBounceShortcut.CALLBACK_ID, new DiagnoseBounceShortcut(services, new BounceRequests(services)));
  }
}
