package dev.mailcheck.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} runs per user in a sliding window, so one person (or a stuck script)
 * cannot take the whole run pool. A refused user is told when the next run will be accepted.
 */
public final class UserRateLimit {
  private static final int MAX_USERS = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> starts = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
      return size() > MAX_USERS;
    }
  };

  public UserRateLimit(int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("the per-user limit must be at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  /** Records a run for the user and returns null, or returns how long until one is allowed. */
  public synchronized Duration tryAcquire(String user) {
    long now = clock.millis();
    Deque<Long> d = starts.computeIfAbsent(user, u -> new ArrayDeque<>());
    while (!d.isEmpty() && d.peekFirst() <= now - window.toMillis()) {
      d.pollFirst();
    }
    if (d.size() >= limit) {
      return Duration.ofMillis(d.peekFirst() + window.toMillis() - now);
    }
    d.addLast(now);
    return null;
  }

  /** Gives back the user's latest run: it was accepted here but refused later (the pool was full). */
  public synchronized void release(String user) {
    Deque<Long> d = starts.get(user);
    if (d != null) {
      d.pollLast();
    }
  }
}
