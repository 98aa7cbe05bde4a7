package dev.mailcheck.slack;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.report.Report;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /mailcheck} run in Slack: the parent message, one thread reply per area as the
 * engine finishes it, then the parent updated with the verdict and buttons. Where the bot cannot
 * post (or {@code private} was asked for) the thread goes to a DM with the requester instead.
 */
final class CheckRun implements RunLifecycle.Endings {
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
  private final RunLifecycle life;
  /** What the Re-run button replays: the command, and where it was first asked for when that is elsewhere. */
  private volatile String rerun;

  CheckRun(BotServices bot, SlashCommand.Run command, String user, String channel, Origin origin, Reply reply, SlackRenderer renderer) {
    this.origin = origin;
    this.bot = bot;
    this.command = command;
    this.user = user;
    this.channel = channel;
    this.reply = reply;
    this.r = renderer;
    this.life = new RunLifecycle(bot, user, reply, LOG, "run of " + command.target().name(), this::execute, this);
  }

  /** The run as {@link Admission} starts and stops it. */
  AdmittedRun admitted() {
    return life;
  }

  private void execute() {
    Publisher p = bot.publisher();
    SlackMessage parent = r.parent(command.target().display(), command.from() == null ? null : dev.mailcheck.dns.Addresses.text(command.from()), user);
    FirstPost first = new FirstPost(bot, user, channel, null, reply, r);
    PostMark mark = PostMark.parent(runId);
    FirstPost.Posted posted;
    if (command.privately()) {
      reply.send(r.sentence("slack.private.note", command.target().display()));
      posted = first.postInDm(parent, mark);
    } else {
      posted = first.post(parent, mark);
    }
    if (posted == null) {
      return;
    }
    String where = posted.channel();
    String ts = posted.ts();
    ThreadPoster t = p.thread(where, ts, runId);
    rerun = new RerunValue(command.text(), where.equals(origin.id()) ? null : origin).encode();
    if (life.attach(t)) {
      endInterrupted(t).join();
      return;
    }
    CheckOptions options = new CheckOptions(command.from(), command.helo(), command.selectors(), new HashSet<>(bot.settings().skip()),
        bot.settings().runTimeout(), r.lang());
    Report report = bot.engine().run(command.target(), options, (area, findings) -> {
      if (!life.interrupted()) {
        t.reply(r.area(area, findings));
      }
    });
    bot.metrics().dnsQuestions(report.dnsQueries());
    if (!life.settle()) {
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

  @Override
  public SlackMessage failedSentence() {
    return r.sentence("slack.failed", command.target().display());
  }

  /** The parent becomes the failure, with a re-run button; the thread keeps what was posted. */
  @Override
  public void endFailed(ThreadPoster t) {
    t.updateParent(r.failedParent(command.target().display(), rerun)).join();
  }

  @Override
  public SlackMessage interruptedSentence() {
    return r.sentence("slack.interrupted");
  }

  /** The thread says the bot stopped and the parent offers a re-run. */
  @Override
  public CompletableFuture<Void> endInterrupted(ThreadPoster t) {
    t.reply(List.of(interruptedSentence()));
    return t.updateParent(r.interruptedParent(command.target().display(), rerun)).thenApply(ok -> null);
  }
}
