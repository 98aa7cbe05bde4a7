package dev.mailcheck.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every question that went on the wire in one run, in the order the answers arrived. */
public final class QueryTrace {

  /** One question as it was asked and answered. */
  public record Entry(
      String name, String type, DnsOutcome outcome, long elapsedMs, String resolver, boolean viaTcp, int attempts) {

    /** One line for people: {@code example.com. MX NOERROR 12 ms @127.0.0.1:5353}. */
    public String line() {
      return name + " " + type + " " + outcome + " " + elapsedMs + " ms @" + resolver
          + (viaTcp ? " (tcp after truncation)" : "")
          + (attempts > 1 ? " (" + attempts + " attempts)" : "");
    }
  }

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final boolean keep;

  public QueryTrace() {
    this(true);
  }

  private QueryTrace(boolean keep) {
    this.keep = keep;
  }

  /** A trace that keeps nothing: for a range scan, whose questions would otherwise fill memory. */
  public static QueryTrace discarding() {
    return new QueryTrace(false);
  }

  /** Records one answered question (by the client that asked it). */
  public void add(DnsAnswer answer, int attempts) {
    if (!keep) {
      return;
    }
    entries.add(
        new Entry(
            SecretLabels.redact(answer.name().toString()),
            org.xbill.DNS.Type.string(answer.type()),
            answer.outcome(),
            answer.elapsed().toMillis(),
            answer.resolver(),
            answer.viaTcp(),
            attempts));
  }

  public List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  public int size() {
    return entries.size();
  }

  /** Sum of the time spent on each question, which is more than the wall time when they overlap. */
  public Duration totalQueryTime() {
    return Duration.ofMillis(entries.stream().mapToLong(Entry::elapsedMs).sum());
  }
}
