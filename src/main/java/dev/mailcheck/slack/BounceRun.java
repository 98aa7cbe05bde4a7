package dev.mailcheck.slack;

import dev.mailcheck.bounce.BounceAdvice;
import dev.mailcheck.bounce.BounceConfirmation;
import dev.mailcheck.bounce.ImplicatedCheck;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bounce diagnosed in Slack ({@code /mailcheck bounce …} or the "Diagnose bounce" shortcut):
 * the diagnosis is posted first (in the channel, or as a reply in the thread of the message the
 * shortcut was used on), then the IP/domain the bounce implicates is checked the way
 * {@code mailcheck bounce --check} checks it ({@link ImplicatedCheck}), and the thread gets the
 * confirmation (the receiver's reason next to what the check found, with the playbook's advice) and
 * one reply per area. The diagnosis then shows the check's verdict. Where the bot cannot post, the
 * whole goes to a DM with the requester, as for a domain run.
 */
final class BounceRun implements RunLifecycle.Endings {
  private static final Logger LOG = LoggerFactory.getLogger(BounceRun.class);

  private final BotServices bot;
  private final BounceAdvice advice;
  private final String user;
  private final String channel;
  /** The thread to answer in (the shortcut's message's), or null to start one with the diagnosis. */
  private final String threadTs;
  private final Reply reply;
  private final SlackRenderer r;
  private final BounceMessages say;
  /** How many characters of the text were read when it was cut, else 0. */
  private final int readChars;
  private final String runId = UUID.randomUUID().toString();
  private final RunLifecycle life;
  /** The diagnosis once posted, so that a stop or a failure can end its "Checking…" line. */
  private volatile FirstPost.Posted posted;

  BounceRun(BotServices bot, BounceAdvice advice, String user, String channel, String threadTs, Reply reply, SlackRenderer renderer,
      int readChars) {
    this.bot = bot;
    this.advice = advice;
    this.user = user;
    this.channel = channel;
    this.threadTs = threadTs;
    this.reply = reply;
    this.r = renderer;
    this.say = new BounceMessages(renderer);
    this.readChars = readChars;
    this.life = new RunLifecycle(bot, user, reply, LOG, "bounce run", this::execute, this);
  }

  /** The run as {@link Admission} starts and stops it. */
  AdmittedRun admitted() {
    return life;
  }

  private void execute() {
    Publisher p = bot.publisher();
    Messages m = Messages.of(r.lang());
    Optional<ImplicatedCheck> check;
    String status;
    try {
      check = ImplicatedCheck.of(advice.diagnosis(), bot.settings().allowPrivate(), bot.settings().skip(), bot.settings().runTimeout(),
          r.lang());
      status = check.map(c -> say.checking(c.target().display())).orElseGet(() -> say.note(m.get("bounce.check.nothing")));
    } catch (BadTargetException e) {
      check = Optional.empty();
      String named = advice.diagnosis().ip() != null ? advice.diagnosis().ip() : advice.diagnosis().domain();
      status = say.note(m.get("slack.bounce.cannot-check", named, e.text(m)));
    }
    FirstPost.Posted posted = new FirstPost(bot, user, channel, threadTs, reply, r)
        .post(say.diagnosis(advice, user, readChars, status, null), PostMark.parent(runId));
    if (posted == null) {
      return;
    }
    this.posted = posted;
    if (check.isEmpty()) {
      life.settle();
      bot.metrics().runsCompleted.increment();
      return;
    }
    String root = posted.root();
    ThreadPoster t = p.thread(posted.channel(), root, runId);
    if (life.attach(t)) {
      t.reply(List.of(interruptedSentence())).join();
      endStatus(t, "slack.bounce.interrupted");
      return;
    }
    ImplicatedCheck c = check.get();
    Report report = bot.engine().run(c.target(), c.options());
    bot.metrics().dnsQuestions(report.dnsQueries());
    if (!life.settle()) {
      return;
    }
    BounceConfirmation.Outcome outcome = BounceConfirmation.of(advice, report, r.lang());
    t.reply(say.confirmation(outcome, report, advice.diagnosis().provider()));
    report.byArea().forEach((area, findings) -> t.reply(r.area(area, findings)));
    t.awaitPosted();
    bot.reports().put(runId, new ReportStore.Stored(report, posted.channel(), root, r.lang()));
    try {
      p.updateWithFallback(posted.channel(), posted.ts(), say.diagnosis(advice, user, readChars, say.checked(report), runId), t.nextMark());
    } catch (SlackCallException e) {
      // The thread has everything; only the diagnosis still says "Checking…".
      LOG.warn("the diagnosis of a bounce could not be updated with its check: {}", e.error());
    }
    List<SlackMessage> unposted = t.takeUnposted();
    if (!unposted.isEmpty()) {
      new LeftoverDelivery(p, r, user).deliver(t, unposted);
    }
    bot.recent().add(user, new SlackRenderer.RecentCheck(report.target().display(), report.verdict(), posted.channel(), Instant.now()));
    bot.metrics().runsCompleted.increment();
  }

  @Override
  public SlackMessage failedSentence() {
    return r.sentence("slack.bounce.failed");
  }

  @Override
  public void endFailed(ThreadPoster t) {
    t.reply(List.of(failedSentence())).join();
    endStatus(t, "slack.bounce.failed");
  }

  @Override
  public SlackMessage interruptedSentence() {
    return r.sentence("slack.bounce.interrupted");
  }

  @Override
  public CompletableFuture<Void> endInterrupted(ThreadPoster t) {
    return t.reply(List.of(interruptedSentence())).thenRunAsync(() -> endStatus(t, "slack.bounce.interrupted"), bot.intake());
  }

  /** Ends the diagnosis's "Checking…" line with a sentence (a stop, a failure); best effort, the thread says it too. */
  private void endStatus(ThreadPoster t, String key) {
    FirstPost.Posted where = posted;
    if (where == null) {
      return;
    }
    try {
      bot.publisher().updateWithFallback(where.channel(), where.ts(),
          say.diagnosis(advice, user, readChars, say.note(Messages.of(r.lang()).get(key)), null), t.nextMark());
    } catch (SlackCallException e) {
      LOG.warn("the diagnosis of a bounce could not be updated: {}", e.error());
    }
  }
}
