package dev.mailcheck.check;

import dev.mailcheck.report.Finding;
import java.util.List;
import java.util.Set;

/**
 * What the other checks of a run found, for a check that reads findings instead of asking anything
 * itself ({@link Check#afterOthers()}, e.g. provider readiness).
 *
 * @param findings every finding of the checks that ran, in report order (timed-out checks included,
 *     as their {@code check.incomplete} finding)
 * @param ran the names of the checks that ran
 * @param skipped the names of the registered checks the options left out ({@code --skip})
 */
public record EarlierFindings(List<Finding> findings, Set<String> ran, Set<String> skipped) {
  public EarlierFindings {
    findings = List.copyOf(findings);
    ran = Set.copyOf(ran);
    skipped = Set.copyOf(skipped);
  }
}
