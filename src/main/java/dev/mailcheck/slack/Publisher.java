package dev.mailcheck.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the bot posts to Slack. Posts to the same thread go out one after another in the
 * order they were handed in (Slack shows replies in arrival order); a 429 is waited out for as
 * long as its Retry-After says and the same call is made again; calls that change nothing twice
 * (updates, lookups) are retried after network trouble and 5xx; a message Slack refuses for its
 * blocks is sent again as plain text, so a finding is never lost to formatting.
 *
 * <p>Posts are made exactly once ({@link #postOnce}): each carries a {@link PostMark} in its
 * metadata, a failure before the request was sent is simply retried, and after an ambiguous
 * failure (the request may have reached Slack) the conversation is searched for the mark before
 * the message is posted again.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Longest we wait out rate limits for one call before giving up on it. */
  static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(3);
  private static final int TRANSIENT_ATTEMPTS = 6;
  /** Longest pause between two attempts of a call after a transient failure. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
  /** Post-then-look rounds for one message before its ambiguous failure is final. */
  static final int POST_ROUNDS = 5;
  /**
   * Messages are looked for from this long before the first attempt: Slack's ts comes from its
   * clock, which may be a little behind ours.
   */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
  /** Longest {@link #close} waits for queued posts before it stops the executor. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(20);
  private static final List<String> BLOCK_ERRORS = List.of("invalid_blocks", "invalid_blocks_format", "msg_too_long",
      "msg_blocks_too_long", "too_many_attachments");

  /** A Web API call to make, perhaps more than once. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws SlackCallException;
  }

  private final SlackApi api;
  private final BotMetrics metrics;
  private final Duration backoff;
  private final java.time.Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<?>> tails = new HashMap<>();
  /** Set when the bot stops: rate limits are no longer waited out, so the last posts go (or fail) quickly. */
  private volatile boolean stopping;

  public Publisher(SlackApi api, BotMetrics metrics) {
    this(api, metrics, Duration.ofMillis(250), java.time.Clock.systemUTC());
  }

  /** @param backoff the first pause after a transient failure; it doubles with each further one */
  Publisher(SlackApi api, BotMetrics metrics, Duration backoff, java.time.Clock clock) {
    this.api = api;
    this.metrics = metrics;
    this.backoff = backoff;
    this.clock = clock;
  }

  public SlackApi api() {
    return api;
  }

  /** Makes a call now on this thread, waiting out rate limits and retrying transient failures. */
  public <T> T call(Call<T> call) throws SlackCallException {
    return call(call, true);
  }

  /**
   * Makes a call that posts something: rate limits are waited out, but other failures are
   * retried only when Slack certainly did not receive the call, since a timeout or a 5xx may come
   * after the message was posted, and a retry would post it twice.
   */
  public <T> T post(Call<T> call) throws SlackCallException {
    return call(call, false);
  }

  /**
   * Posts a message exactly once and returns its ts. A failure before the request was sent is
   * retried at once; after an ambiguous one the conversation (the channel's history, or the
   * thread's replies) is searched for the message's mark: found, its ts is the answer; not there,
   * the message is posted again. Where the bot may not read the conversation, the message is
   * posted again: a possible repeat is better than a lost result. Throws when Slack refuses the
   * post, or when it stays unreachable for all of {@link #POST_ROUNDS} rounds.
   */
  public String postOnce(String channel, String threadTs, SlackMessage message, PostMark mark) throws SlackCallException {
    java.time.Instant since = clock.instant().minus(CLOCK_MARGIN);
    for (int round = 1; ; round++) {
      SlackCallException failure;
      try {
        return post(() -> api.postMessage(channel, threadTs, message, mark));
      } catch (SlackCallException e) {
        if (!e.ambiguous() || round >= POST_ROUNDS) {
          throw e;
        }
        failure = e;
      }
      metrics.ambiguousPosts.increment();
      // Slack may still be acting on the request that failed: give it a moment before looking.
      sleep(pause(round), failure);
      String ts;
      try {
        ts = call(() -> api.findPosted(channel, threadTs, mark, since));
      } catch (SlackCallException lookup) {
        if (lookup.isTransient() || lookup.rateLimited()) {
          // Slack can tell us neither way right now; posting blindly could show the message twice.
          LOG.warn("A post failed ({}) and Slack could not be asked whether it arrived ({})", failure.error(), lookup.error());
          throw failure;
        }
        LOG.warn("A post failed ({}) and the conversation cannot be read to see whether it arrived ({}); posting it again",
            failure.error(), lookup.error());
        ts = null;
      }
      if (ts != null) {
        metrics.postsFoundAfterFailure.increment();
        LOG.info("A post that failed ({}) had reached Slack; not posting it again", failure.error());
        return ts;
      }
      metrics.postsSentAgain.increment();
    }
  }

  private long pause(int failures) {
    return Math.min(MAX_BACKOFF.toMillis(), backoff.toMillis() << Math.min(20, failures));
  }

  private <T> T call(Call<T> call, boolean idempotent) throws SlackCallException {
    long waitedMs = 0;
    int transientFailures = 0;
    while (true) {
      try {
        T result = call.run();
        metrics.slackCalls.increment();
        return result;
      } catch (SlackCallException e) {
        if (e.rateLimited() && stopping) {
          metrics.rateLimited.increment();
          metrics.failedCalls.increment();
          throw e;
        } else if (e.rateLimited()) {
          metrics.rateLimited.increment();
          long ms = Math.max(100, e.retryAfter().toMillis());
          if (waitedMs + ms > MAX_RATE_LIMIT_WAIT.toMillis()) {
            metrics.failedCalls.increment();
            throw e;
          }
          LOG.info("Slack rate-limited a call; waiting {} ms as Retry-After asks", ms);
          sleepUnlessStopping(ms, e);
          waitedMs += ms;
        } else if (e.isTransient() && (idempotent || e.notSent()) && ++transientFailures < TRANSIENT_ATTEMPTS) {
          metrics.retries.increment();
          sleep(pause(transientFailures), e);
        } else {
          metrics.failedCalls.increment();
          throw e;
        }
      }
    }
  }

  /** Waits out a rate limit, but not past the moment the bot starts stopping. */
  private void sleepUnlessStopping(long ms, SlackCallException cause) throws SlackCallException {
    long end = System.nanoTime() + ms * 1_000_000;
    for (long left = ms; left > 0 && !stopping; left = (end - System.nanoTime()) / 1_000_000) {
      sleep(Math.min(left, 100), cause);
    }
  }

  private static void sleep(long ms, SlackCallException cause) throws SlackCallException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  /**
   * Queues a call behind the earlier calls for the same key (a thread: channel and parent ts). The
   * call is made once: it does its own retrying (through {@link #call} or {@link #post}), so that a
   * post is not repeated around a retry policy that already decided against it.
   */
  public <T> CompletableFuture<T> enqueue(String key, Call<T> call) {
    synchronized (tails) {
      CompletableFuture<?> prev = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
      CompletableFuture<T> next = prev.handle((v, e) -> null).thenApplyAsync(v -> {
        try {
          return call.run();
        } catch (SlackCallException e) {
          throw new CompletionException(e);
        }
      }, executor);
      tails.put(key, next);
      next.whenComplete((v, e) -> {
        synchronized (tails) {
          tails.remove(key, next);
        }
      });
      return next;
    }
  }

  /** A handle that posts into one thread in order; {@code runId} marks its posts. */
  public ThreadPoster thread(String channel, String parentTs, String runId) {
    return new ThreadPoster(this, channel, parentTs, runId);
  }

  /**
   * Posts a message exactly once; when Slack refuses its blocks, posts the same content as plain
   * text instead (each chunk marked as its own part).
   */
  String postWithFallback(String channel, String threadTs, SlackMessage message, PostMark mark) throws SlackCallException {
    try {
      return postOnce(channel, threadTs, message, mark);
    } catch (SlackCallException e) {
      if (message.blocksJson() == null || !BLOCK_ERRORS.contains(e.error())) {
        throw e;
      }
      LOG.warn("Slack refused a message's blocks ({}); posting it as plain text", e.error());
      metrics.plainFallbacks.increment();
      String ts = null;
      List<SlackMessage> plain = plainText(message);
      for (int i = 0; i < plain.size(); i++) {
        String t = postOnce(channel, threadTs, plain.get(i), mark.part(mark.part() + ".plain" + (i + 1)));
        ts = ts == null ? t : ts;
      }
      return ts;
    }
  }

  /**
   * Updates a message (an update is idempotent, so every transient failure is retried); when
   * Slack refuses the blocks, the update carries the same texts as plain text (its first chunk;
   * longer texts continue as replies in the message's thread, marked from {@code mark}).
   */
  void updateWithFallback(String channel, String ts, SlackMessage message, PostMark mark) throws SlackCallException {
    try {
      call(() -> {
        api.update(channel, ts, message);
        return null;
      });
    } catch (SlackCallException e) {
      if (message.blocksJson() == null || !BLOCK_ERRORS.contains(e.error())) {
        throw e;
      }
      LOG.warn("Slack refused an update's blocks ({}); updating with plain text", e.error());
      metrics.plainFallbacks.increment();
      List<SlackMessage> plain = plainText(message);
      call(() -> {
        api.update(channel, ts, plain.get(0));
        return null;
      });
      // The update holds one chunk; the rest follow in the message's thread rather than being lost.
      for (int i = 1; i < plain.size(); i++) {
        postOnce(channel, ts, plain.get(i), mark.part(mark.part() + ".more" + i));
      }
    }
  }

  /** The message's block texts as plain-text messages short enough to be accepted. */
  static List<SlackMessage> plainText(SlackMessage message) {
    String all = String.join("\n", Blocks.texts(message.blocksJson()));
    List<SlackMessage> out = new ArrayList<>();
    for (String chunk : Blocks.chunks(all, Blocks.PLAIN_TEXT)) {
      if (!chunk.isBlank()) {
        out.add(SlackMessage.text(chunk));
      }
    }
    if (out.isEmpty()) {
      out.add(SlackMessage.text(message.text()));
    }
    return out;
  }

  /** From now on rate limits are not waited out: the bot is stopping and has little time left. */
  public void stopping() {
    stopping = true;
  }

  /**
   * Waits, at most {@code max}, until every queued call has been made or has failed, so that the
   * executor is not shut under calls still chained behind others (they would be rejected, and a
   * parent left saying "Checking…").
   */
  public boolean drain(Duration max) {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      List<CompletableFuture<?>> pending;
      synchronized (tails) {
        pending = new ArrayList<>(tails.values());
      }
      if (pending.isEmpty()) {
        return true;
      }
      long left = end - System.nanoTime();
      try {
        CompletableFuture.allOf(pending.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
            .get(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.warn("{} thread(s) still had posts queued when the bot stopped", pending.size());
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        // handle() above never completes exceptionally.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public void close() {
    stopping();
    drain(DRAIN_WAIT);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
