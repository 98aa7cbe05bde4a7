package dev.mailcheck.cli;

import dev.mailcheck.check.Checks;
import java.util.Iterator;

/** What {@code --skip} accepts, read from the check registry, for the help text ({@code ${COMPLETION-CANDIDATES}}). */
final class SkipNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Checks.skippable().iterator();
  }
}
