package dev.mailcheck.report;

import dev.mailcheck.playbook.Lang;

/** Turns a report into text for one medium. */
public interface ReportRenderer {
  String render(Report report, Lang lang);
}
