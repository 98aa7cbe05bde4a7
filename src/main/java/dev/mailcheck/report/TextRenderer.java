package dev.mailcheck.report;

import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.util.List;
import java.util.Map;

/** A report for a terminal: findings grouped by area, evidence indented, the verdict last. */
public final class TextRenderer implements ReportRenderer {
  private final boolean color;

  /** @param color use ANSI colours for severities (only when writing to a terminal) */
  public TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(Report report, Lang lang) {
    Messages m = Messages.of(lang);
    StringBuilder out = new StringBuilder();
    Report.ReportTarget t = report.target();
    out.append(bold(m.get("report.title", t.display()))).append('\n');
    String senders = sendingIpsLine(report, m);
    if (senders != null) {
      out.append(senders).append('\n');
    }
    for (Map.Entry<Area, List<Finding>> area : report.byArea().entrySet()) {
      out.append('\n').append(bold(m.get("area." + area.getKey().id()))).append('\n');
      for (Finding f : area.getValue()) {
        appendFinding(out, Catalog.bundled().view(f, lang), m);
      }
    }
    out.append('\n').append(bold(verdictLine(report, m))).append('\n');
    return out.toString();
  }

  /**
   * Which IPs were treated as senders and why, or null when the report has none to tell (docs/CONTRACTS.md
   * "Targets": assumed ones are said to be assumed).
   */
  public static String sendingIpsLine(Report r, Messages m) {
    Report.SendingIps ips = r.sendingIps();
    if (ips == null) {
      return null;
    }
    if (ips.addresses().isEmpty()) {
      return m.get("report.sending-ips.none");
    }
    String list = String.join(", ", ips.addresses());
    if (!ips.assumed()) {
      return m.get("report.sending-ips.given", list);
    }
    return m.get("host".equals(r.target().kind()) ? "report.sending-ips.host" : "report.sending-ips.assumed", list);
  }

  /** The one-line verdict with counts, as every medium shows it. */
  public static String verdictLine(Report r, Messages m) {
    String verdict = r.findings().isEmpty() ? m.get("verdict.nothing") : m.get("verdict." + r.verdict().id());
    return m.get("report.verdict", verdict, r.count(Severity.PASS), r.count(Severity.INFO),
        r.count(Severity.WARN), r.count(Severity.FAIL), r.count(Severity.ERROR), r.elapsedMs());
  }

  private void appendFinding(StringBuilder out, FindingView f, Messages m) {
    int column = java.util.Arrays.stream(Severity.values()).mapToInt(v -> width(m.get("severity." + v.id()))).max().orElse(5);
    String tag = pad(m.get("severity." + f.severity().id()), column);
    out.append("  ").append(paint(tag, f.severity())).append(' ').append(f.id()).append("  ").append(f.subject()).append('\n');
    out.append("        ").append(f.summary()).append('\n');
    for (String e : f.evidence()) {
      out.append("        | ").append(e).append('\n');
    }
    if (f.fix() != null && f.severity() != Severity.PASS) {
      out.append("        ").append(m.get("report.fix")).append(": ")
          // A fix may hold a file to publish, one line per line: keep it inside the finding's indent.
          .append(f.fix().replace("\n", "\n          ")).append('\n');
    }
    for (Link l : f.links()) {
      out.append("        ").append(m.get("report.see")).append(": ").append(l.title()).append(" <").append(l.url()).append(">\n");
    }
    for (Advice a : f.advice()) {
      out.append("        ").append(a.name()).append(": ").append(a.fix() == null ? "" : a.fix()).append('\n');
      for (int i = 0; i < a.steps().size(); i++) {
        out.append("          ").append(i + 1).append(". ").append(a.steps().get(i)).append('\n');
      }
      for (Link l : a.links()) {
        if (!f.links().contains(l)) {
          out.append("          ").append(m.get("report.see")).append(": ").append(l.title()).append(" <").append(l.url()).append(">\n");
        }
      }
    }
  }

  /** Pads to a column width counting East Asian wide characters (Hangul) as two columns. */
  static String pad(String s, int columns) {
    int width = width(s);
    return width >= columns ? s : s + " ".repeat(columns - width);
  }

  static int width(String s) {
    return s.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL
        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private String paint(String s, Severity sev) {
    if (!color) {
      return s;
    }
    String code = switch (sev) {
      case PASS -> "32";
      case INFO -> "36";
      case WARN -> "33";
      case FAIL -> "31";
      case ERROR -> "35";
    };
    return "\u001b[" + code + "m" + s + "\u001b[0m";
  }
}
