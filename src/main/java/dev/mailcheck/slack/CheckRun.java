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
final class CheckRun implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckRun.class);

  private final MailcheckBot bot;
  private final SlashCommand.Run command;
  private final String user;
  private final String channel;
  private final String responseUrl;
  private final SlackRenderer r;
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private volatile boolean done;
  private volatile ThreadPoster thread;

  CheckRun(MailcheckBot bot, SlashCommand.Run command, String user, String channel, String responseUrl, SlackRenderer renderer) {
    this.bot = bot;
    this.command = command;
    this.user = user;
    this.channel = channel;
    this.responseUrl = responseUrl;
    this.r = renderer;
  }

  String user() {
    return user;
  }

  @Override
  public void run() {
    if (interrupted.get()) {
      return;
    }
    bot.metrics().runsStarted.increment();
    try {
      execute();
    } catch (RuntimeException e) {
      LOG.error("run of {} failed", command.target().name(), e);
      bot.respond(responseUrl, channel, user, r.sentence("slack.failed", command.target().display()));
    } finally {
      done = true;
      bot.finished(this);
    }
  }

  private void execute() {
    Publisher p = bot.publisher();
    SlackMessage parent = r.parent(command.target().display(), command.from() == null ? null : dev.mailcheck.dns.Addresses.text(command.from()), user);
    String where = channel;
    String ts;
    try {
      if (command.privately()) {
        bot.respond(responseUrl, channel, user, r.sentence("slack.private.note", command.target().display()));
        where = p.call(() -> p.api().openDm(user));
      }
      String first = where;
      ts = p.call(() -> p.api().postMessage(first, null, parent));
    } catch (SlackCallException e) {
      if (!e.cannotPostHere() || command.privately()) {
        bot.respond(responseUrl, channel, user, r.sentence("slack.dm.failed", e.error()));
        return;
      }
      bot.metrics().dmFallbacks.increment();
      bot.respond(responseUrl, channel, user, r.sentence("slack.invite.note", e.error(), SlackRenderer.mention(bot.botUserId())));
      try {
        where = p.call(() -> p.api().openDm(user));
        String dm = where;
        ts = p.call(() -> p.api().postMessage(dm, null, parent));
      } catch (SlackCallException dmFailure) {
        bot.respond(responseUrl, channel, user, r.sentence("slack.dm.failed", dmFailure.error()));
        return;
      }
    }
    ThreadPoster t = p.thread(where, ts);
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
    if (interrupted.get()) {
      return;
    }
    t.awaitPosted();
    String runId = UUID.randomUUID().toString();
    bot.reports().put(runId, new ReportStore.Stored(report, where, ts, r.lang()));
    t.updateParent(r.verdict(report, user, runId, command.text(), t.failures(), t.lastError()));
    t.awaitPosted();
    bot.recent().add(user, new SlackRenderer.RecentCheck(command.target().display(), report.verdict(), where, Instant.now()));
    bot.metrics().runsCompleted.increment();
  }

  /**
   * Marks the run interrupted (the bot is stopping): its thread says so and the parent offers a
   * re-run; a run that had not posted yet tells the requester through the response URL.
   */
  CompletableFuture<Void> interrupt() {
    if (done || !interrupted.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    bot.metrics().runsInterrupted.increment();
    ThreadPoster t = thread;
    if (t == null) {
      return CompletableFuture.runAsync(() -> bot.respond(responseUrl, channel, user, r.sentence("slack.interrupted")), bot.intake());
    }
    return postInterrupted(t);
  }

  private CompletableFuture<Void> postInterrupted(ThreadPoster t) {
    t.reply(List.of(r.sentence("slack.interrupted")));
    return t.updateParent(r.interruptedParent(command.target().display(), command.text()));
  }
}
