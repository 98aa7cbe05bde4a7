package dev.mailcheck.cli;

import dev.mailcheck.report.JsonRenderer;
import dev.mailcheck.report.MarkdownRenderer;
import dev.mailcheck.report.ReportRenderer;
import dev.mailcheck.report.TextRenderer;

/** The report formats of {@code --format}. */
enum OutputFormat {
  text,
  json,
  markdown;

  ReportRenderer renderer(boolean terminal) {
    return switch (this) {
      case text -> new TextRenderer(terminal && System.getenv("NO_COLOR") == null);
      case json -> new JsonRenderer();
      case markdown -> new MarkdownRenderer();
    };
  }
}
