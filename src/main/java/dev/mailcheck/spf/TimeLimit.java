package dev.mailcheck.spf;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits of an SPF evaluation. Unlike the JDK's {@code orTimeout}/{@code completeOnTimeout},
 * which complete the future (and run whatever depends on it) on the process's single
 * delay-scheduler thread, the timer here only hands over: the future is completed on a virtual
 * thread, so a slow step after a time limit cannot delay any other timeout.
 */
final class TimeLimit {
  private static final Executor AFTER = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("spf-", 0).factory());
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "spf-time-limits");
    t.setDaemon(true);
    return t;
  });

  private TimeLimit() {}

  /** {@code f}, failed with a {@link TimeoutException} if it has not completed within {@code limit}. */
  static <T> CompletableFuture<T> failAfter(CompletableFuture<T> f, Duration limit) {
    return after(f, limit, () -> f.completeExceptionally(new TimeoutException()));
  }

  /** {@code f}, completed with {@code value} if it has not completed within {@code limit}. */
  static <T> CompletableFuture<T> completeAfter(CompletableFuture<T> f, T value, Duration limit) {
    return after(f, limit, () -> f.complete(value));
  }

  private static <T> CompletableFuture<T> after(CompletableFuture<T> f, Duration limit, Runnable expire) {
    if (f.isDone()) {
      return f;
    }
    ScheduledFuture<?> due = TIMER.schedule(() -> AFTER.execute(expire), Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
    f.whenComplete((v, e) -> due.cancel(false));
    return f;
  }
}
