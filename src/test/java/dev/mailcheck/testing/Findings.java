package dev.mailcheck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.FindingView;
import dev.mailcheck.report.Link;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions on what a report shows a user: finding ids, severities, subjects, and their texts. */
public final class Findings {
  private Findings() {}

  /** The finding as a user sees it in English. */
  public static FindingView shown(Finding f) {
    return shown(f, Lang.EN);
  }

  public static FindingView shown(Finding f, Lang lang) {
    return Catalog.bundled().view(f, lang);
  }

  /** The summary in English. */
  public static String summary(Finding f) {
    return shown(f).summary();
  }

  public static String summary(Finding f, Lang lang) {
    return shown(f, lang).summary();
  }

  /** The fix in English, or null. */
  public static String fix(Finding f) {
    return shown(f).fix();
  }

  public static String fix(Finding f, Lang lang) {
    return shown(f, lang).fix();
  }

  /** The links in English. */
  public static List<Link> links(Finding f) {
    return shown(f).links();
  }

  /** The evidence lines in English. */
  public static List<String> evidence(Finding f) {
    return shown(f).evidence();
  }

  public static List<String> evidence(Finding f, Lang lang) {
    return shown(f, lang).evidence();
  }

  /** The ids of the report's findings, in report order. */
  public static List<String> ids(Report r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  /** The one finding with this id (fails when there is none or several). */
  public static Finding only(Report r, String id) {
    List<Finding> found = all(r, id);
    if (found.size() != 1) {
      fail("expected exactly one " + id + " but found " + found.size() + " in " + describe(r));
    }
    return found.get(0);
  }

  /** The one finding with this id and subject. */
  public static Finding only(Report r, String id, String subject) {
    List<Finding> found = all(r, id).stream().filter(f -> f.subject().equals(subject)).toList();
    if (found.size() != 1) {
      fail("expected exactly one " + id + " about " + subject + " but found " + found.size() + " in " + describe(r));
    }
    return found.get(0);
  }

  public static List<Finding> all(Report r, String id) {
    return r.findings().stream().filter(f -> f.id().equals(id)).toList();
  }

  /** Asserts the one finding with this id has this severity, and returns it. */
  public static Finding assertFinding(Report r, String id, Severity severity) {
    Finding f = only(r, id);
    assertEquals(severity, f.severity(), () -> id + " severity in " + describe(r));
    return f;
  }

  public static void assertNone(Report r, String id) {
    if (!all(r, id).isEmpty()) {
      fail("expected no " + id + " in " + describe(r));
    }
  }

  /** One line per finding, for failure messages. */
  public static String describe(Report r) {
    return r.findings().stream().map(f -> f.severity() + " " + f.id() + " " + f.subject() + " :: " + f.evidence())
        .collect(Collectors.joining("\n  ", "[\n  ", "\n]"));
  }
}
