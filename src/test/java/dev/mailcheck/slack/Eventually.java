package dev.mailcheck.slack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition the bot reaches on its own (a gauge, a counter), for tests. */
final class Eventually {
  private Eventually() {}

  /** Returns once {@code condition} holds; fails with {@code what} when it still does not after {@code timeout}. */
  static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
      }
      Thread.sleep(5);
    }
  }
}
