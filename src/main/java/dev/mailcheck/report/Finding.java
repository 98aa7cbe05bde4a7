package dev.mailcheck.report;

import java.util.List;

/**
 * One thing a check found, in no language yet: renderers put it into words late (summary, fix and
 * links from the finding catalog), so a stored report can be shown in either language and two runs
 * compare by {@code id}, {@code subject} and {@code args}. Made only through
 * {@link dev.mailcheck.playbook.FindingFactory}, which checks the id, variant and severity against
 * the catalog.
 *
 * @param id stable identifier such as {@code ptr.missing} (docs/CONTRACTS.md)
 * @param check the check that produced it, e.g. {@code ptr}
 * @param subject what it is about: a domain, an IP, a host, or a DNS question
 * @param variant the catalog's wording for a particular case of the id, or null for the usual one
 * @param args the values its texts are filled with: strings, numbers or {@link Text}
 * @param evidence the records or answers it rests on, one per line
 */
public record Finding(
    String id, String check, Severity severity, String subject, String variant, List<Object> args, List<Text> evidence) {

  public Finding {
    args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args.stream().map(Text::argument).toList()));
    evidence = List.copyOf(evidence);
  }

  /** What two runs compare: a finding is "the same" when these are equal, whatever the language. */
  public record Key(String id, String subject, List<Object> args) {}

  public Key key() {
    return new Key(id, subject, args);
  }
}
