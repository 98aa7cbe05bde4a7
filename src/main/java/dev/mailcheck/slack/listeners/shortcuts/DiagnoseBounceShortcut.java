package dev.mailcheck.slack.listeners.shortcuts;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.BounceRequests;
import dev.mailcheck.slack.Origin;
import dev.mailcheck.slack.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Diagnose bounce" on a message: acknowledged at once; the message's text (and the text of what it
 * shares or forwards) is diagnosed as a pasted bounce. The answer goes in the thread of that message
 * (its own thread, or the thread it is a reply in); where the bot cannot post there, to a DM with the
 * user, who is told why through the shortcut's response_url.
 */
public final class DiagnoseBounceShortcut implements MessageShortcutHandler {
  /** The shortcut's callback ID, as the manifests declare it. */
  public static final String CALLBACK_ID = "mailcheck_diagnose_bounce";
  private static final Logger LOG = LoggerFactory.getLogger(DiagnoseBounceShortcut.class);

  private final BotServices services;
  private final BounceRequests bounces;

  public DiagnoseBounceShortcut(BotServices services, BounceRequests bounces) {
    this.services = services;
    this.bounces = bounces;
  }

  @Override
  public Response apply(MessageShortcutRequest req, MessageShortcutContext ctx) {
    services.metrics().commands.increment();
    MessageShortcutPayload p = req.getPayload();
    services.intake().execute(() -> handle(p));
    return ctx.ack();
  }

  private void handle(MessageShortcutPayload p) {
    try {
      String user = p.getUser().getId();
      String channel = p.getChannel() == null ? null : p.getChannel().getId();
      Origin here = new Origin(channel, p.getChannel() == null ? null : p.getChannel().getName());
      Message m = p.getMessage();
      String ts = m != null && m.getTs() != null ? m.getTs() : p.getMessageTs();
      String thread = m != null && m.getThreadTs() != null ? m.getThreadTs() : ts;
      Reply reply = Reply.ephemeral(services.answers(), p.getResponseUrl(), channel, user);
      bounces.handle(new BounceRequests.Request(text(m), user, p.getUser().getName(), here, thread, reply, true), services.rendererFor(user));
    } catch (RuntimeException e) {
      LOG.error("handling the Diagnose bounce shortcut failed", e);
    }
  }

  /** The message's text, then the text of the messages it shares (Slack puts those in attachments). */
  private static String text(Message m) {
    if (m == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(m.getText() == null ? "" : m.getText());
    if (m.getAttachments() != null) {
      for (Attachment a : m.getAttachments()) {
        if (a.getText() != null && !a.getText().isBlank()) {
          sb.append('\n').append(a.getText());
        }
      }
    }
    return sb.toString();
  }
}
