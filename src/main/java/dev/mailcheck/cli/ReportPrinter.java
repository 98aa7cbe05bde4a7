package dev.mailcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.JsonRenderer;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import java.io.PrintWriter;
import java.util.List;

/** Prints the reports of a command and works out its exit status (docs/CONTRACTS.md "CLI"). */
final class ReportPrinter {
  private ReportPrinter() {}

  static void print(List<Report> reports, OutputFormat format, Lang lang, PrintWriter out) {
    if (format == OutputFormat.json && reports.size() > 1) {
      // Several targets: one JSON array of reports, so the output stays one document.
      ObjectMapper m = JsonRenderer.mapper();
      try {
        out.println(m.writeValueAsString(reports.stream().map(r -> JsonRenderer.document(r, lang)).toList()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else {
      boolean terminal = System.console() != null;
      for (int i = 0; i < reports.size(); i++) {
        if (i > 0) {
          out.println();
        }
        out.print(format.renderer(terminal).render(reports.get(i), lang));
        if (format == OutputFormat.json) {
          out.println();
        }
      }
    }
    out.flush();
  }

  /** 1 when anything failed; else 3 when anything could not be checked; else 0. */
  static int exitStatus(List<Report> reports) {
    boolean fail = reports.stream().anyMatch(r -> r.verdict() == Severity.FAIL);
    boolean error = reports.stream().anyMatch(r -> r.verdict() == Severity.ERROR);
    return fail ? Main.FAILED : error ? Main.INCOMPLETE : Main.OK;
  }
}
