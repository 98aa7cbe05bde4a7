package dev.mailcheck.report;

import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.util.List;
import java.util.Map;

/** A report as Markdown, for tickets and wikis. */
public final class MarkdownRenderer implements ReportRenderer {
  @Override
  public String render(Report report, Lang lang) {
    Messages m = Messages.of(lang);
    StringBuilder out = new StringBuilder();
    Report.ReportTarget t = report.target();
    out.append("# ").append(m.get("report.title", t.unicode())).append("\n\n");
    out.append("**").append(TextRenderer.verdictLine(report, m)).append("**\n");
    String senders = TextRenderer.sendingIpsLine(report, m);
    if (senders != null) {
      out.append('\n').append(senders).append('\n');
    }
    for (Map.Entry<Area, List<Finding>> area : report.byArea().entrySet()) {
      out.append("\n## ").append(m.get("area." + area.getKey().id())).append("\n\n");
      for (Finding raw : area.getValue()) {
        FindingView f = Catalog.bundled().view(raw, lang);
        out.append("- **").append(m.get("severity." + f.severity().id())).append("** `").append(f.id()).append("` ")
            .append(f.subject()).append(": ").append(f.summary()).append('\n');
        if (!f.evidence().isEmpty()) {
          out.append("  ```\n");
          f.evidence().forEach(e -> out.append("  ").append(e).append('\n'));
          out.append("  ```\n");
        }
        if (f.fix() != null && f.severity() != Severity.PASS) {
          out.append("  ").append(m.get("report.fix")).append(": ").append(f.fix().replace("\n", "\n    ")).append('\n');
        }
        for (Link l : f.links()) {
          out.append("  ").append(m.get("report.see")).append(": [").append(l.title()).append("](").append(l.url()).append(")\n");
        }
        for (Advice a : f.advice()) {
          out.append("  - **").append(a.name()).append("**: ").append(a.fix() == null ? "" : a.fix()).append('\n');
          for (int i = 0; i < a.steps().size(); i++) {
            out.append("    ").append(i + 1).append(". ").append(a.steps().get(i)).append('\n');
          }
          for (Link l : a.links()) {
            out.append("    ").append(m.get("report.see")).append(": [").append(l.title()).append("](").append(l.url()).append(")\n");
          }
        }
      }
    }
    return out.toString();
  }
}
