package dev.mailcheck.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.Origin;
import dev.mailcheck.slack.Reply;
import dev.mailcheck.slack.RerunValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on Re-run: the button's value replays the command, asked for by whoever clicked, in the
 * conversation of the click; access is judged by the channel the check was first asked for in.
 */
public final class RerunAction implements BlockActionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RerunAction.class);

  private final BotServices services;
  private final CheckRequests requests;

  public RerunAction(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    services.intake().execute(() -> handle(p));
    return ctx.ack();
  }

  private void handle(BlockActionPayload p) {
    try {
      String user = p.getUser().getId();
      String channel = p.getChannel() != null ? p.getChannel().getId() : p.getContainer().getChannelId();
      Origin here = new Origin(channel, p.getChannel() == null ? null : p.getChannel().getName());
      RerunValue value = RerunValue.parse(p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue());
      Reply reply = Reply.ephemeral(services.answers(), p.getResponseUrl(), channel, user);
      requests.handle(new CheckRequests.Request(value.command(), user, p.getUser().getUsername(), here,
          value.origin() == null ? here : value.origin(), reply), services.rendererFor(user));
    } catch (RuntimeException e) {
      LOG.error("handling Re-run failed", e);
    }
  }
}
