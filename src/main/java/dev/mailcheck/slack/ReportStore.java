package dev.mailcheck.slack;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last runs' reports by run id, for the "Show DNS queries" button; bounded, oldest dropped. */
public final class ReportStore {
  /** A finished run: its report and where its thread is. */
  public record Stored(Report report, String channel, String threadTs, Lang lang) {}

  private final Map<String, Stored> entries;

  public ReportStore(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
        return size() > capacity;
      }
    };
  }

  public synchronized void put(String runId, Stored e) {
    entries.put(runId, e);
  }

  public synchronized Stored get(String runId) {
    return entries.get(runId);
  }
}
