package dev.mailcheck.slack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters the bot keeps for {@code /healthz} and {@code /metrics}. */
public final class BotMetrics {
  public final LongAdder commands = new LongAdder();
  public final LongAdder runsStarted = new LongAdder();
  public final LongAdder runsCompleted = new LongAdder();
  public final LongAdder runsInterrupted = new LongAdder();
  /** Runs whose verdict Slack would not take as an update of the first message (posted as a reply instead). */
  public final LongAdder runsVerdictMoved = new LongAdder();
  public final LongAdder refusedBusy = new LongAdder();
  public final LongAdder refusedUserLimit = new LongAdder();
  public final LongAdder refusedAccess = new LongAdder();
  public final LongAdder dmFallbacks = new LongAdder();
  public final LongAdder slackCalls = new LongAdder();
  public final LongAdder rateLimited = new LongAdder();
  public final LongAdder retries = new LongAdder();
  public final LongAdder failedCalls = new LongAdder();
  public final LongAdder plainFallbacks = new LongAdder();
  public final LongAdder badSignatures = new LongAdder();
  /** Posts whose request may have reached Slack when it failed (a dropped connection, a timeout, a 5xx). */
  public final LongAdder ambiguousPosts = new LongAdder();
  /** Of those, posts found in the conversation: Slack had them, so they were not posted again. */
  public final LongAdder postsFoundAfterFailure = new LongAdder();
  /** Of those, posts Slack did not have, posted again. */
  public final LongAdder postsSentAgain = new LongAdder();

  /** Every counter by its metric name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("commands", commands.sum());
    m.put("runs_started", runsStarted.sum());
    m.put("runs_completed", runsCompleted.sum());
    m.put("runs_interrupted", runsInterrupted.sum());
    m.put("runs_verdict_not_updated", runsVerdictMoved.sum());
    m.put("refused_busy", refusedBusy.sum());
    m.put("refused_user_limit", refusedUserLimit.sum());
    m.put("refused_access", refusedAccess.sum());
    m.put("dm_fallbacks", dmFallbacks.sum());
    m.put("slack_calls", slackCalls.sum());
    m.put("slack_rate_limited", rateLimited.sum());
    m.put("slack_retries", retries.sum());
    m.put("slack_failed_calls", failedCalls.sum());
    m.put("slack_plain_fallbacks", plainFallbacks.sum());
    m.put("bad_signatures", badSignatures.sum());
    m.put("slack_ambiguous_posts", ambiguousPosts.sum());
    m.put("slack_posts_found_after_failure", postsFoundAfterFailure.sum());
    m.put("slack_posts_sent_again", postsSentAgain.sum());
    return m;
  }
}
