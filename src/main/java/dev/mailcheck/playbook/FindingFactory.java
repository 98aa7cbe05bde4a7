package dev.mailcheck.playbook;

import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.util.Arrays;
import java.util.List;

/**
 * Makes findings, in no language: the ID and its variant must be in the finding catalog and the
 * severity one the catalog allows for them, or this fails at once (a wrong call site is a bug, never
 * a finding with a raw key in it). The words come later, from {@link Catalog#view}.
 */
public final class FindingFactory {
  private final Catalog catalog;

  public FindingFactory() {
    this(Catalog.bundled());
  }

  public FindingFactory(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * A finding of the check its ID belongs to.
   *
   * @param evidence lines as strings (literal) or {@link Text}
   * @param args the values of its texts' placeholders: strings, numbers or {@link Text}
   */
  public Finding make(FindingKind kind, Severity severity, String subject, List<?> evidence, Object... args) {
    return make(kind.ownCheck(), kind, severity, subject, evidence, args);
  }

  /** A finding reported by {@code check} (for IDs any check may report, such as {@code dns.timeout}). */
  public Finding make(String check, FindingKind kind, Severity severity, String subject, List<?> evidence, Object... args) {
    catalog.require(kind, severity);
    return new Finding(kind.id(), check, severity, subject, kind.variant(), Arrays.asList(args),
        evidence.stream().map(Text::from).toList());
  }
}
