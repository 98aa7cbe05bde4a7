package dev.mailcheck.slack;

import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.dnsbl.RangeScan;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Severity;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range scanned on the blocklists from Slack ({@code /mailcheck scan RANGE}): the parent message
 * says the scan is running, the listed addresses follow in its thread a few per reply as they are
 * found, and the parent then becomes the summary (lists used, how many listed, whether every address
 * was checked on every list and why not). The scan is bounded by the bot's run deadline: at the
 * deadline it stops asking, posts what it found and says it was cut.
 */
final class ScanRun implements RunLifecycle.Endings {
  private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);
  /** Listed addresses per thread reply: a reply stays readable, and a big range is not one reply per address. */
  static final int ADDRESSES_PER_REPLY = 10;
  /** Addresses asked about at once (each asks every list); the DNS client bounds the questions in flight. */
  private static final int WINDOW = 64;

  private final BotServices bot;
  private final Cidr range;
  private final List<BlockList> lists;
  private final String user;
  private final String channel;
  private final Reply reply;
  private final SlackRenderer r;
  private final ScanMessages say;
  private final String runId = UUID.randomUUID().toString();
  private final RunLifecycle life;
  private final List<ScanMessages.Listed> batch = new ArrayList<>();
  private volatile FirstPost.Posted posted;

  ScanRun(BotServices bot, Cidr range, List<BlockList> lists, String user, String channel, Reply reply, SlackRenderer renderer) {
    this.bot = bot;
    this.range = range;
    this.lists = List.copyOf(lists);
    this.user = user;
    this.channel = channel;
    this.reply = reply;
    this.r = renderer;
    this.say = new ScanMessages(renderer);
    this.life = new RunLifecycle(bot, user, reply, LOG, "scan run", this::execute, this);
  }

  /** The run as {@link Admission} starts and stops it. */
  AdmittedRun admitted() {
    return life;
  }

  private void execute() throws InterruptedException {
    Publisher p = bot.publisher();
    FirstPost.Posted where = new FirstPost(bot, user, channel, null, reply, r).post(say.running(range, lists, user), PostMark.parent(runId));
    if (where == null) {
      return;
    }
    posted = where;
    ThreadPoster t = p.thread(where.channel(), where.ts(), runId);
    if (life.attach(t)) {
      return;
    }
    Duration deadline = bot.settings().runTimeout();
    // Stop asking with a fifth of the deadline left: the addresses already asked about get their answers (or
    // their timeouts, fitted to the deadline) in that time, and the summary is posted when the deadline is due.
    long stopAt = System.nanoTime() + deadline.toNanos() * 4 / 5;
    DnsClient dns = bot.scanDns().forRun(deadline, QueryTrace.discarding());
    RangeScan.Summary summary = new RangeScan(bot.scanLists()).run(range, lists, dns, WINDOW, this::listed,
        () -> life.interrupted() || System.nanoTime() - stopAt > 0);
    if (!life.settle()) {
      return;
    }
    flush(t);
    String note = summary.cut() ? Messages.of(r.lang()).get("slack.scan.deadline", deadline.toSeconds()) : null;
    t.awaitPosted();
    try {
      p.updateWithFallback(where.channel(), where.ts(), say.summary(summary, lists, user, note), t.nextMark());
    } catch (SlackCallException e) {
      // Where the parent cannot become the summary, the summary goes at the end of the thread.
      LOG.warn("the parent of a scan could not be updated with its summary: {}", e.error());
      t.reply(List.of(say.summary(summary, lists, user, note)));
      t.awaitPosted();
    }
    List<SlackMessage> unposted = t.takeUnposted();
    if (!unposted.isEmpty()) {
      new LeftoverDelivery(p, r, user).deliver(t, unposted);
    }
    Severity verdict = summary.listedAddresses() > 0 ? Severity.FAIL : summary.complete() ? Severity.PASS : Severity.ERROR;
    bot.recent().add(user, new SlackRenderer.RecentCheck(range.toString(), verdict, where.channel(), Instant.now()));
    bot.metrics().runsCompleted.increment();
  }

  /** A listed address, from the scan's thread: replies go out every {@link #ADDRESSES_PER_REPLY} addresses. */
  private void listed(InetAddress ip, List<Lookup> listings) {
    synchronized (batch) {
      batch.add(new ScanMessages.Listed(ip, listings));
      if (batch.size() >= ADDRESSES_PER_REPLY && !life.settled()) {
        flush(life.thread());
      }
    }
  }

  private void flush(ThreadPoster t) {
    synchronized (batch) {
      if (!batch.isEmpty()) {
        t.reply(say.listed(List.copyOf(batch)));
        batch.clear();
      }
    }
  }

  @Override
  public SlackMessage failedSentence() {
    return r.said(failed());
  }

  @Override
  public void endFailed(ThreadPoster t) {
    t.reply(List.of(failedSentence())).join();
    endParent(t, failed());
  }

  private String failed() {
    return Messages.of(r.lang()).get("slack.scan.failed", range.toString());
  }

  @Override
  public SlackMessage interruptedSentence() {
    return r.said(interrupted());
  }

  @Override
  public CompletableFuture<Void> endInterrupted(ThreadPoster t) {
    return t.reply(List.of(interruptedSentence())).thenRunAsync(() -> endParent(t, interrupted()), bot.intake());
  }

  private String interrupted() {
    return Messages.of(r.lang()).get("slack.scan.interrupted");
  }

  /** Ends the parent's "Scanning…" line with a sentence (a stop, a failure); best effort, the thread says it too. */
  private void endParent(ThreadPoster t, String sentence) {
    FirstPost.Posted where = posted;
    if (where == null) {
      return;
    }
    try {
      bot.publisher().updateWithFallback(where.channel(), where.ts(), say.ended(range, sentence), t.nextMark());
    } catch (SlackCallException e) {
      LOG.warn("the parent of a scan could not be updated: {}", e.error());
    }
  }
}
