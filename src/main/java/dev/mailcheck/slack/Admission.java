package dev.mailcheck.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a check may run, and where it runs: who may ask where ({@link AccessPolicy}), how many
 * runs one user may start ({@link UserRateLimit}), and the bounded pool the runs execute on (a
 * full pool and queue refuse with "busy"). Stopping drains the queue and marks runs past their
 * grace interrupted.
 */
public final class Admission {
  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  /** A refusal: the message key and its arguments. */
  public record Refusal(String key, Object... args) {}

  private final BotSettings settings;
  private final BotMetrics metrics;
  private final UserRateLimit perUser;
  private final ThreadPoolExecutor pool;
  private final Set<AdmittedRun> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  public Admission(BotSettings settings, BotMetrics metrics, Clock clock) {
    this.settings = settings;
    this.metrics = metrics;
    this.perUser = new UserRateLimit(settings.perUserRuns(), settings.perUserWindow(), clock);
    this.pool = new ThreadPoolExecutor(settings.maxConcurrentRuns(), settings.maxConcurrentRuns(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, settings.maxQueuedRuns())), Thread.ofVirtual().name("mailcheck-run-", 0).factory());
  }

  public boolean closing() {
    return closing;
  }

  /** Null when {@code user} may run checks asked for in {@code origin}, else why not. */
  public Refusal access(Origin origin, String user, String userName) {
    AccessPolicy.Refusal r = settings.access().check(origin.id(), origin.name(), user, userName);
    if (r == null) {
      return null;
    }
    metrics.refusedAccess.increment();
    return r.arg() == null ? new Refusal(r.key()) : new Refusal(r.key(), r.arg());
  }

  /** Starts the run, or says why not: the user's limit, a full pool, or the bot stopping. */
  Refusal start(AdmittedRun run) {
    if (closing) {
      return new Refusal("slack.shutting-down");
    }
    Duration wait = perUser.tryAcquire(run.user());
    if (wait != null) {
      metrics.refusedUserLimit.increment();
      return new Refusal("slack.user-limit", perUser.limit(), perUser.window().toSeconds(), seconds(wait));
    }
    inFlight.add(run);
    try {
      pool.execute(run);
      return null;
    } catch (RejectedExecutionException e) {
      inFlight.remove(run);
      // Not run, so not counted against the user's limit.
      perUser.release(run.user());
      if (closing) {
        return new Refusal("slack.shutting-down");
      }
      metrics.refusedBusy.increment();
      return new Refusal("slack.busy", pool.getActiveCount() + pool.getQueue().size(), seconds(settings.runTimeout()));
    }
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  void finished(AdmittedRun run) {
    inFlight.remove(run);
  }

  public int activeRuns() {
    return pool.getActiveCount();
  }

  public int queuedRuns() {
    return pool.getQueue().size();
  }

  /**
   * Stops taking runs, lets in-flight runs finish within {@code grace}, and marks the rest
   * interrupted (their threads say so). Runs still queued are told at once that they were not run.
   */
  void shutdown(Duration grace) {
    if (closing) {
      return;
    }
    closing = true;
    LOG.info("Stopping: {} run(s) in progress, {} queued", pool.getActiveCount(), pool.getQueue().size());
    List<Runnable> queued = new ArrayList<>();
    pool.getQueue().drainTo(queued);
    List<CompletableFuture<Void>> notes = new ArrayList<>();
    for (Runnable q : queued) {
      if (q instanceof AdmittedRun run) {
        notes.add(run.interrupt());
        inFlight.remove(run);
      }
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        for (AdmittedRun run : inFlight) {
          notes.add(run.interrupt());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inFlight.forEach(run -> notes.add(run.interrupt()));
    }
    try {
      CompletableFuture.allOf(notes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("some interruption notes could not be posted: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Stopped: {} run(s) completed, {} interrupted", metrics.runsCompleted.sum(), metrics.runsInterrupted.sum());
  }

  /** Waits, at most {@code max}, for the runs still posting after {@link #shutdown}. */
  void awaitRuns(Duration max) {
    try {
      if (!pool.awaitTermination(max.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} run(s) were still posting when the bot stopped", pool.getActiveCount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
