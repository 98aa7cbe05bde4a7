package dev.mailcheck.slack.listeners.actions;

import com.slack.api.bolt.App;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.SlackRenderer;
import dev.mailcheck.slack.listeners.ListenerProvider;

/** The verdict's two buttons: Re-run and Show DNS queries. */
public final class ActionListeners implements ListenerProvider {
  private final BotServices services;
  private final CheckRequests requests;

  public ActionListeners(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public void register(App app) {
    app.blockAction(SlackRenderer.ACTION_RERUN, new RerunAction(services, requests));
    app.blockAction(SlackRenderer.ACTION_DNS, new ShowQueriesAction(services));
  }
}
