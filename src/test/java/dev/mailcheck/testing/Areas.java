package dev.mailcheck.testing;

import dev.mailcheck.check.Check;
import dev.mailcheck.check.Checks;

/** How many thread replies a full run posts: one per area of the registered checks, so adding a check breaks no Slack test. */
public final class Areas {
  private Areas() {}

  /** The areas a run on a domain reports (every registered check applies to a domain). */
  public static int ofDomainRun() {
    return (int) Checks.standard().stream().map(Check::area).distinct().count();
  }
}
