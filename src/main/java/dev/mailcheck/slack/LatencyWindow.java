package dev.mailcheck.slack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last N durations of something (here: handling a Slack request at /slack/events, from the
 * exchange reaching its handler to the response sent), for p50/p99 on /healthz and /metrics.
 */
final class LatencyWindow {
  private final long[] nanos;
  private int next;
  private int size;

  LatencyWindow(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void record(long ns) {
    nanos[next] = ns;
    next = (next + 1) % nanos.length;
    size = Math.min(size + 1, nanos.length);
  }

  /** {@code ack_p50_us}, {@code ack_p99_us}, {@code ack_max_us} over the window; empty before the first request. */
  synchronized Map<String, Long> percentiles() {
    Map<String, Long> out = new LinkedHashMap<>();
    if (size == 0) {
      return out;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    out.put("ack_p50_us", sorted[Math.max(0, (int) Math.ceil(0.50 * size) - 1)] / 1000);
    out.put("ack_p99_us", sorted[Math.max(0, (int) Math.ceil(0.99 * size) - 1)] / 1000);
    out.put("ack_max_us", sorted[size - 1] / 1000);
    return out;
  }
}
