package dev.mailcheck.slack.listeners.events;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.SlackCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The App Home tab opened: usage, examples and the user's recent checks (views.publish). */
public final class AppHomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(AppHomeOpened.class);

  private final BotServices services;

  public AppHomeOpened(BotServices services) {
    this.services = services;
  }

  @Override
  public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
    AppHomeOpenedEvent e = payload.getEvent();
    // The same event comes for the Messages tab, where there is nothing to publish.
    if ("home".equals(e.getTab()) || e.getTab() == null) {
      services.intake().execute(() -> publish(e.getUser()));
    }
    return ctx.ack();
  }

  private void publish(String user) {
    try {
      String view = services.rendererFor(user).home(services.recent().of(user));
      services.publisher().call(() -> {
        services.publisher().api().publishHome(user, view);
        return null;
      });
    } catch (SlackCallException e) {
      LOG.warn("views.publish failed: {}", e.error());
    } catch (RuntimeException e) {
      LOG.error("publishing the App Home failed", e);
    }
  }
}
