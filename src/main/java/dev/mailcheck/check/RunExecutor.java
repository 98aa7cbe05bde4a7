package dev.mailcheck.check;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own threads: checks start, area listeners run and deadlines fire here. Deadlines are
 * kept by one timer thread that only hands work on to a virtual thread, so nothing that runs after
 * a deadline (a listener posting to Slack, a check's next step) ever runs on the timer itself, and
 * one slow step cannot delay another run's deadline. (The JDK's {@code completeOnTimeout} would
 * run all of that on its single shared delay-scheduler thread.)
 */
final class RunExecutor {
  static final RunExecutor SHARED = new RunExecutor();

  private final Executor workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("check-", 0).factory());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "check-deadlines");
    t.setDaemon(true);
    return t;
  });

  private RunExecutor() {}

  /** Where checks start and listeners run: a virtual thread per task. */
  Executor workers() {
    return workers;
  }

  /**
   * Completes {@code f} with {@code value} after {@code delay} unless it completed before; what
   * depends on {@code f} then runs on a worker, not on the timer. Returns {@code f}.
   */
  <T> CompletableFuture<T> completeAfter(CompletableFuture<T> f, T value, Duration delay) {
    if (f.isDone()) {
      return f;
    }
    ScheduledFuture<?> due = timer.schedule(() -> workers.execute(() -> f.complete(value)),
        Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    f.whenComplete((v, e) -> due.cancel(false));
    return f;
  }
}
