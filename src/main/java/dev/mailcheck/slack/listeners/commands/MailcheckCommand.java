package dev.mailcheck.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.Origin;
import dev.mailcheck.slack.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /mailcheck …}: acknowledged at once; help, a refusal or a run follows. */
public final class MailcheckCommand implements SlashCommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MailcheckCommand.class);

  private final BotServices services;
  private final CheckRequests requests;

  public MailcheckCommand(BotServices services, CheckRequests requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
    services.metrics().commands.increment();
    SlashCommandPayload p = req.getPayload();
    services.intake().execute(() -> handle(p));
    return ctx.ack();
  }

  private void handle(SlashCommandPayload p) {
    try {
      Origin here = new Origin(p.getChannelId(), p.getChannelName());
      Reply reply = Reply.ephemeral(services.answers(), p.getResponseUrl(), p.getChannelId(), p.getUserId());
      requests.handle(new CheckRequests.Request(p.getText(), p.getUserId(), p.getUserName(), here, here, reply),
          services.rendererFor(p.getUserId()));
    } catch (RuntimeException e) {
      LOG.error("handling a command failed", e);
    }
  }
}
