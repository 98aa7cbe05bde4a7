package dev.mailcheck.slack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each user's latest checks for the App Home, in memory and bounded (per user and in users). */
public final class RecentChecks {
  static final int PER_USER = 10;
  private static final int MAX_USERS = 5_000;

  private final Map<String, Deque<SlackRenderer.RecentCheck>> byUser = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<SlackRenderer.RecentCheck>> eldest) {
      return size() > MAX_USERS;
    }
  };

  public synchronized void add(String user, SlackRenderer.RecentCheck check) {
    Deque<SlackRenderer.RecentCheck> d = byUser.computeIfAbsent(user, u -> new ArrayDeque<>());
    d.addFirst(check);
    while (d.size() > PER_USER) {
      d.removeLast();
    }
  }

  /** Newest first. */
  public synchronized List<SlackRenderer.RecentCheck> of(String user) {
    Deque<SlackRenderer.RecentCheck> d = byUser.get(user);
    return d == null ? List.of() : new ArrayList<>(d);
  }
}
