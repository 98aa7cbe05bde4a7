package dev.mailcheck.readiness;

import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a run's findings against one receiver's requirements: each requirement met, missed or not
 * checked, and a verdict. Three-valued on purpose: a requirement whose check is not in this build,
 * was skipped, failed, timed out or reported nothing on it is "not checked", never "met".
 */
public final class Readiness {

  /** How a requirement stands. */
  public enum Status { MET, MISSED, NOT_CHECKED }

  /** Why a requirement could not be told. */
  public enum Reason {
    /** No check of this build reports on it. */
    NOT_IN_BUILD,
    /** Its checks were left out of the run ({@code --skip}). */
    SKIPPED,
    /** Its checks could not finish: a DNS failure, a timeout, an internal error. */
    ERROR,
    /** Its checks ran but said nothing about it (e.g. no sending IP to look at). */
    NO_ANSWER,
    /** Only the sender can see it (spam rate, unsubscribe headers). */
    MANUAL
  }

  /**
   * One line of the table.
   *
   * @param reason why it is not checked, or null
   * @param shownBy the findings that decided, as {@code id subject}
   */
  public record Row(Requirements.Requirement requirement, Status status, Reason reason, List<String> shownBy) {}

  /** A receiver's rows and what they add up to. */
  public record Verdict(String provider, List<Row> rows) {
    public long count(Status s) {
      return rows.stream().filter(r -> r.status() == s).count();
    }

    /**
     * {@code missed} (fail) when a requirement for every sender is missed; {@code bulk} (warn) when
     * only bulk-sender requirements are; {@code incomplete} (info) when something that can be checked
     * was not; else {@code ready} (pass). Manual requirements never decide.
     */
    public String variant() {
      if (rows.stream().anyMatch(r -> r.status() == Status.MISSED && r.requirement().level() == Requirements.Level.ALL)) {
        return "missed";
      }
      if (rows.stream().anyMatch(r -> r.status() == Status.MISSED)) {
        return "bulk";
      }
      if (rows.stream().anyMatch(r -> r.status() == Status.NOT_CHECKED && r.reason() != Reason.MANUAL)) {
        return "incomplete";
      }
      return "ready";
    }

    public Severity severity() {
      return switch (variant()) {
        case "missed" -> Severity.FAIL;
        case "bulk" -> Severity.WARN;
        case "incomplete" -> Severity.INFO;
        default -> Severity.PASS;
      };
    }
  }

  private final Requirements requirements;
  private final Set<String> registered;

  /**
   * @param registered the names of the checks this build has (the registry)
   */
  public Readiness(Requirements requirements, Set<String> registered) {
    this.requirements = requirements;
    this.registered = Set.copyOf(registered);
  }

  /**
   * @param findings every finding of the other checks of the run
   * @param skipped the names of the checks the run left out
   */
  public Verdict assess(String provider, List<Finding> findings, Set<String> skipped) {
    List<Row> rows = new ArrayList<>();
    for (Requirements.Requirement r : requirements.of(provider)) {
      rows.add(r.manual() ? new Row(r, Status.NOT_CHECKED, Reason.MANUAL, List.of()) : row(r, findings, skipped));
    }
    return new Verdict(provider, List.copyOf(rows));
  }

  /** Alternatives combine as "or": met if one is met, missed if all are missed, else not checked. */
  private Row row(Requirements.Requirement r, List<Finding> findings, Set<String> skipped) {
    List<Row> parts = r.parts().stream().map(p -> part(r, p, findings, skipped)).toList();
    for (Row p : parts) {
      if (p.status() == Status.MET) {
        return p;
      }
    }
    if (parts.stream().allMatch(p -> p.status() == Status.MISSED)) {
      Set<String> all = new LinkedHashSet<>();
      parts.forEach(p -> all.addAll(p.shownBy()));
      return new Row(r, Status.MISSED, null, List.copyOf(all));
    }
    // Not checked: say why for the first part that could not be told.
    return parts.stream().filter(p -> p.status() == Status.NOT_CHECKED).findFirst().orElseThrow();
  }

  private Row part(Requirements.Requirement r, Requirements.Part p, List<Finding> findings, Set<String> skipped) {
    if (p.checks().stream().noneMatch(registered::contains)) {
      return new Row(r, Status.NOT_CHECKED, Reason.NOT_IN_BUILD, List.of());
    }
    List<String> missed = shown(findings, p.missed());
    if (!missed.isEmpty()) {
      return new Row(r, Status.MISSED, null, missed);
    }
    if (p.checks().stream().filter(registered::contains).allMatch(skipped::contains)) {
      return new Row(r, Status.NOT_CHECKED, Reason.SKIPPED, List.of());
    }
    List<String> errors = findings.stream().filter(f -> p.checks().contains(f.check()) && f.severity() == Severity.ERROR)
        .map(f -> f.id() + " " + f.subject()).distinct().toList();
    if (!errors.isEmpty()) {
      // One subject could not be checked: the requirement cannot be called met for the sender as a whole.
      return new Row(r, Status.NOT_CHECKED, Reason.ERROR, errors);
    }
    List<String> met = shown(findings, p.met());
    if (!met.isEmpty()) {
      return new Row(r, Status.MET, null, met);
    }
    return new Row(r, Status.NOT_CHECKED, Reason.NO_ANSWER, List.of());
  }

  private static List<String> shown(List<Finding> findings, Set<String> ids) {
    return findings.stream().filter(f -> Requirements.Part.matches(ids, f)).map(f -> f.id() + " " + f.subject()).distinct().toList();
  }
}
