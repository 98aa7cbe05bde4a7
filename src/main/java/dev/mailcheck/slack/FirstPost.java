package dev.mailcheck.slack;

/**
 * Posts the first message of a run where it was asked for; where Slack refuses that (a channel the
 * bot is not in), in a DM with the requester, who is told why. As a domain run and a bounce do.
 */
final class FirstPost {
  /** Where the message went: its channel and its ts. */
  record Posted(String channel, String ts) {}

  private final BotServices bot;
  private final String user;
  private final String channel;
  private final Reply reply;
  private final SlackRenderer r;

  FirstPost(BotServices bot, String user, String channel, Reply reply, SlackRenderer renderer) {
    this.bot = bot;
    this.user = user;
    this.channel = channel;
    this.reply = reply;
    this.r = renderer;
  }

  /** The message posted once (marked {@code mark}); null when it could be posted nowhere (the requester is told, the run counted failed). */
  Posted post(SlackMessage message, PostMark mark) {
    Publisher p = bot.publisher();
    try {
      return new Posted(channel, p.postOnce(channel, null, message, mark));
    } catch (SlackCallException e) {
      if (!e.dmMayHelp()) {
        bot.metrics().runsFailed.increment();
        reply.send(cannotPost(e));
        return null;
      }
      bot.metrics().dmFallbacks.increment();
      reply.send(fallbackNote(e));
      try {
        String dm = p.call(() -> p.api().openDm(user));
        return new Posted(dm, p.postOnce(dm, null, message, mark));
      } catch (SlackCallException dmFailure) {
        bot.metrics().runsFailed.increment();
        reply.send(cannotPost(dmFailure));
        return null;
      }
    }
  }

  /** An /invite hint where inviting the bot would help, else Slack's reason. */
  private SlackMessage fallbackNote(SlackCallException e) {
    boolean directMessage = channel != null && channel.startsWith("D");
    if (e.cannotPostHere() && !directMessage) {
      return r.sentence("slack.invite.note", e.error(), SlackRenderer.mention(bot.botUserId()));
    }
    return r.sentence("slack.channel-refused.note", e.error());
  }

  private SlackMessage cannotPost(SlackCallException e) {
    if (e.authFailure()) {
      return r.sentence("slack.post.auth-failed", e.error());
    }
    if (e.isTransient() || e.rateLimited()) {
      return r.sentence("slack.post.unavailable", e.error());
    }
    return r.sentence("slack.dm.failed", e.error());
  }
}
