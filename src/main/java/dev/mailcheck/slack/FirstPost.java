package dev.mailcheck.slack;

/**
 * Posts the first message of a run (a domain run's parent, a bounce's diagnosis, a scan's summary)
 * where it was asked for; where Slack refuses that (a channel the bot is not in), in a DM with the
 * requester, who is told why. A run asked for privately posts in the DM straight away.
 */
final class FirstPost {
  /** Where the message went: its channel, its ts, and the thread it is a reply in (or null). */
  record Posted(String channel, String ts, String thread) {
    /** The thread the run's replies go in: the one it was posted in, else the one it starts. */
    String root() {
      return thread != null ? thread : ts;
    }
  }

  private final BotServices bot;
  private final String user;
  private final String channel;
  /** The thread to post in, or null for a new message in the channel. */
  private final String threadTs;
  private final Reply reply;
  private final SlackRenderer r;

  FirstPost(BotServices bot, String user, String channel, String threadTs, Reply reply, SlackRenderer renderer) {
    this.bot = bot;
    this.user = user;
    this.channel = channel;
    this.threadTs = threadTs;
    this.reply = reply;
    this.r = renderer;
  }

  /** The message posted once (marked {@code mark}); null when it could be posted nowhere (the requester is told, the run counted failed). */
  Posted post(SlackMessage message, PostMark mark) {
    Publisher p = bot.publisher();
    try {
      return new Posted(channel, p.postOnce(channel, threadTs, message, mark), threadTs);
    } catch (SlackCallException e) {
      if (!e.dmMayHelp()) {
        return failed(e);
      }
      bot.metrics().dmFallbacks.increment();
      reply.send(fallbackNote(e));
      return postInDm(message, mark);
    }
  }

  /** The message posted once in a DM with the requester (asked for privately, or refused where asked); null as for {@link #post}. */
  Posted postInDm(SlackMessage message, PostMark mark) {
    Publisher p = bot.publisher();
    try {
      String dm = p.call(() -> p.api().openDm(user));
      return new Posted(dm, p.postOnce(dm, null, message, mark), null);
    } catch (SlackCallException e) {
      return failed(e);
    }
  }

  private Posted failed(SlackCallException e) {
    bot.metrics().runsFailed.increment();
    reply.send(cannotPost(e));
    return null;
  }

  /**
   * Why the message goes to a DM: an /invite hint where inviting the bot would help (a channel it
   * is not in; never a DM between people, where bots cannot be invited), else Slack's reason.
   */
  private SlackMessage fallbackNote(SlackCallException e) {
    boolean directMessage = channel != null && channel.startsWith("D");
    if (e.cannotPostHere() && !directMessage) {
      return r.sentence("slack.invite.note", e.error(), SlackRenderer.mention(bot.botUserId()));
    }
    return r.sentence("slack.channel-refused.note", e.error());
  }

  /** The sentence for a post that failed with nowhere else to go. */
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
