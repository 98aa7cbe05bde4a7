package dev.mailcheck.check;

import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import java.util.List;

/** Hears about a run as it goes: the Slack thread posts one reply per finished area. */
public interface RunListener {
  RunListener NONE = (area, findings) -> {};

  /** Called once per area that had checks, as soon as all of its checks are done (or timed out). */
  void areaCompleted(Area area, List<Finding> findings);
}
