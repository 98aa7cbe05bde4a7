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
 * long as its Retry-After says and the same call is made again; network trouble and 5xx are
 * retried a few times; a message Slack refuses for its blocks is sent again as plain text, so a
 * finding is never lost to formatting.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Longest we wait out rate limits for one call before giving up on it. */
  static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(3);
  private static final int TRANSIENT_ATTEMPTS = 4;
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
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<?>> tails = new HashMap<>();
  /** Set when the bot stops: rate limits are no longer waited out, so the last posts go (or fail) quickly. */
  private volatile boolean stopping;

  public Publisher(SlackApi api, BotMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
  }

  public SlackApi api() {
    return api;
  }

  /** Makes a call now on this thread, waiting out rate limits and retrying transient failures. */
  public <T> T call(Call<T> call) throws SlackCallException {
    return call(call, true);
  }

  /**
   * Makes a call that posts something (chat.postMessage): rate limits are waited out, but other
   * failures are retried only when Slack certainly did not receive the call, since a timeout or a
   * 5xx may come after the message was posted, and a retry would post it twice.
   */
  public <T> T post(Call<T> call) throws SlackCallException {
    return call(call, false);
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
          sleep(250L << transientFailures, e);
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

  /** A handle that posts into one thread in order. */
  public ThreadPoster thread(String channel, String parentTs) {
    return new ThreadPoster(this, channel, parentTs);
  }

  /**
   * Posts a message into a thread; when Slack refuses its blocks, posts the same content as plain
   * text instead.
   */
  String postWithFallback(String channel, String threadTs, SlackMessage message) throws SlackCallException {
    try {
      return post(() -> api.postMessage(channel, threadTs, message));
    } catch (SlackCallException e) {
      if (message.blocksJson() == null || !BLOCK_ERRORS.contains(e.error())) {
        throw e;
      }
      LOG.warn("Slack refused a message's blocks ({}); posting it as plain text", e.error());
      metrics.plainFallbacks.increment();
      String ts = null;
      for (SlackMessage plain : plainText(message)) {
        String t = post(() -> api.postMessage(channel, threadTs, plain));
        ts = ts == null ? t : ts;
      }
      return ts;
    }
  }

  /**
   * Updates a message; when Slack refuses the blocks, the update carries the same texts as plain
   * text (its first chunk; longer texts continue as replies in the message's thread).
   */
  void updateWithFallback(String channel, String ts, SlackMessage message) throws SlackCallException {
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
      for (SlackMessage more : plain.subList(1, plain.size())) {
        post(() -> api.postMessage(channel, ts, more));
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
