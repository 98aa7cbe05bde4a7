package dev.mailcheck.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.ReportStore;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on Show DNS queries: every DNS question of the run goes into the run's thread, as long
 * as the run's report is still kept; else the clicker is told it is not.
 */
public final class ShowQueriesAction implements BlockActionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ShowQueriesAction.class);

  private final BotServices services;

  public ShowQueriesAction(BotServices services) {
    this.services = services;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    services.intake().execute(() -> handle(p));
    return ctx.ack();
  }

  private void handle(BlockActionPayload p) {
    try {
      String runId = p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue();
      ReportStore.Stored e = services.reports().get(runId);
      String user = p.getUser().getId();
      if (e == null) {
        services.answers().answer(p.getResponseUrl(), p.getChannel() == null ? null : p.getChannel().getId(), user,
            services.rendererFor(user).sentence("slack.dns.expired"));
        return;
      }
      // Each click is its own request: its trace is marked afresh, so a second click posts it again.
      services.publisher().thread(e.channel(), e.threadTs(), UUID.randomUUID().toString())
          .reply(services.renderer(e.lang()).queries(e.report().dnsQueries()));
    } catch (RuntimeException ex) {
      LOG.error("handling Show DNS queries failed", ex);
    }
  }
}
