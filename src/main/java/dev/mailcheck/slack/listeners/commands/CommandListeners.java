package dev.mailcheck.slack.listeners.commands;

import com.slack.api.bolt.App;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.listeners.ListenerProvider;
import java.util.regex.Pattern;

/** The slash command, under the name it is installed as ({@code --command}, default {@code /mailcheck}). */
public final class CommandListeners implements ListenerProvider {
  private final BotServices services;
  private final CheckRequests requests;

  public CommandListeners(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public void register(App app) {
    app.command(Pattern.compile("^" + Pattern.quote(services.settings().command()) + "$"), new MailcheckCommand(services, requests));
  }
}
