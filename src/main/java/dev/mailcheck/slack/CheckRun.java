package dev.mailcheck.slack;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.report.Report;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /mailcheck} run in Slack: the parent message, one thread reply per area as the
 * engine finishes it, then the parent updated with the verdict and buttons. Where the bot cannot
 * post (or {@code private} was asked for) the thread goes to a DM with the requester instead.
 */
final class CheckRun implements AdmittedRun {
  private static final Logger LOG = LoggerFactory.getLogger(CheckRun.class);

  private final BotServices bot;
  private final SlashCommand.Run command;
  private final String user;
  private final String channel;
  private final Origin origin;
  private final Reply reply;
  private final SlackRenderer r;
  /** Marks every message of the run (see {@link PostMark}) and keys its report for "Show DNS queries". */
  private final String runId = UUID.randomUUID().toString();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  /**
   * Claimed once, by whichever comes first: the verdict (queued), the failure note, the end of the
   * run, or an interruption. So a stop arriving after the verdict was queued cannot replace it.
   */
  private final AtomicBoolean settled = new AtomicBoolean();
  /** What the Re-run button replays: the command, and where it was first asked for when that is elsewhere. */
  private volatile String rerun;
  private volatile ThreadPoster thread;

  CheckRun(BotServices bot, SlashCommand.Run command, String user, String channel, Origin origin, Reply reply, SlackRenderer renderer) {
    this.origin = origin;
    this.bot = bot;
    this.command = command;
    this.user = user;
    this.channel = channel;
    this.reply = reply;
    this.r = renderer;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public void run() {
    if (interrupted.get()) {
      return;
    }
    bot.metrics().runsStarted.increment();
    long t0 = System.nanoTime();
    try {
      execute();
    } catch (RuntimeException e) {
      LOG.error("run of {} failed", command.target().name(), e);
      ThreadPoster t = thread;
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      bot.metrics().runsFailed.increment();
      if (t != null) {
        // The parent would otherwise say "Checking…" for ever.
        t.updateParent(r.failedParent(command.target().display(), rerun)).join();
      } else {
        reply.send(r.sentence("slack.failed", command.target().display()));
      }
    } finally {
      settled.set(true);
      bot.metrics().ran(System.nanoTime() - t0);
      bot.admission().finished(this);
    }
  }

  private void execute() {
    Publisher p = bot.publisher();
    SlackMessage parent = r.parent(command.target().display(), command.from() == null ? null : dev.mailcheck.dns.Addresses.text(command.from()), user);
    String where = channel;
    String ts;
    PostMark mark = PostMark.parent(runId);
    try {
      if (command.privately()) {
        reply.send(r.sentence("slack.private.note", command.target().display()));
        where = p.call(() -> p.api().openDm(user));
      }
      ts = p.postOnce(where, null, parent, mark);
    } catch (SlackCallException e) {
      if (!e.dmMayHelp() || command.privately()) {
        bot.metrics().runsFailed.increment();
        reply.send(cannotPost(e));
        return;
      }
      bot.metrics().dmFallbacks.increment();
      reply.send(fallbackNote(e));
      try {
        where = p.call(() -> p.api().openDm(user));
        ts = p.postOnce(where, null, parent, mark);
      } catch (SlackCallException dmFailure) {
        bot.metrics().runsFailed.increment();
        reply.send(cannotPost(dmFailure));
        return;
      }
    }
    ThreadPoster t = p.thread(where, ts, runId);
    rerun = new RerunValue(command.text(), where.equals(origin.id()) ? null : origin).encode();
    thread = t;
    if (interrupted.get()) {
      postInterrupted(t).join();
      return;
    }
    CheckOptions options = new CheckOptions(command.from(), command.helo(), command.selectors(), new HashSet<>(bot.settings().skip()),
        bot.settings().runTimeout(), r.lang());
    Report report = bot.engine().run(command.target(), options, (area, findings) -> {
      if (!interrupted.get()) {
        t.reply(r.area(area, findings));
      }
    });
    bot.metrics().dnsQuestions(report.dnsQueries());
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    t.awaitPosted();
    bot.reports().put(runId, new ReportStore.Stored(report, where, ts, r.lang()));
    SlackMessage verdict = r.verdict(report, user, runId, rerun, t.failures(), t.lastError());
    boolean updated = t.updateParent(verdict).join();
    t.awaitPosted();
    List<SlackMessage> unposted = t.takeUnposted();
    if (!updated) {
      bot.metrics().runsVerdictMoved.increment();
      postVerdictElsewhere(p, t, verdict, t.lastError());
    }
    if (!unposted.isEmpty()) {
      new LeftoverDelivery(p, r, user).deliver(t, unposted);
    }
    bot.recent().add(user, new SlackRenderer.RecentCheck(command.target().display(), report.verdict(), where, Instant.now()));
    if (updated) {
      bot.metrics().runsCompleted.increment();
    }
  }

  /**
   * The parent still says "Checking…" because Slack did not take the update: the verdict, buttons
   * and all, goes into the thread as a reply, and failing that into a DM with the requester.
   */
  private void postVerdictElsewhere(Publisher p, ThreadPoster t, SlackMessage verdict, String why) {
    LOG.warn("Slack did not take the verdict of {} as an update of its first message ({}); posting it in the thread",
        command.target().name(), why);
    PostMark mark = t.nextMark();
    try {
      p.postWithFallback(t.channel(), t.parentTs(), verdict, mark);
      return;
    } catch (SlackCallException e) {
      LOG.warn("The verdict of {} could not be posted in its thread either ({}); sending it as a DM", command.target().name(), e.error());
    }
    try {
      String dm = p.call(() -> p.api().openDm(user));
      p.postWithFallback(dm, null, verdict, mark.part("verdict-dm"));
    } catch (SlackCallException e) {
      LOG.warn("The verdict of {} could be posted nowhere: {}", command.target().name(), e.error());
    }
  }

  /**
   * Why the results go to a DM: an /invite hint where inviting the bot would help (a channel it
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

  /**
   * Marks the run interrupted (the bot is stopping): its thread says so and the parent offers a
   * re-run; a run that had not posted yet tells the requester through the response URL.
   */
  @Override
  public CompletableFuture<Void> interrupt() {
    if (!settled.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    interrupted.set(true);
    bot.metrics().runsInterrupted.increment();
    ThreadPoster t = thread;
    if (t == null) {
      return CompletableFuture.runAsync(() -> reply.send(r.sentence("slack.interrupted")), bot.intake());
    }
    return postInterrupted(t);
  }

  private CompletableFuture<Void> postInterrupted(ThreadPoster t) {
    t.reply(List.of(r.sentence("slack.interrupted")));
    return t.updateParent(r.interruptedParent(command.target().display(), rerun)).thenApply(ok -> null);
  }
}
