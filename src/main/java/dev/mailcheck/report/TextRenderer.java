package dev.mailcheck.report;

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
    String shown = t.unicode().equals(t.name()) ? t.name() : t.unicode() + " (" + t.name() + ")";
    out.append(bold(m.get("report.title", shown))).append('\n');
    Report.SendingIps ips = report.sendingIps();
    if (ips != null) {
      String list = String.join(", ", ips.addresses());
      out.append(ips.addresses().isEmpty() ? m.get("report.sending-ips.none")
          : m.get(ips.assumed() ? "report.sending-ips.assumed" : "report.sending-ips.given", list)).append('\n');
    }
    for (Map.Entry<Area, List<Finding>> area : report.byArea().entrySet()) {
      out.append('\n').append(bold(m.get("area." + area.getKey().id()))).append('\n');
      for (Finding f : area.getValue()) {
        appendFinding(out, f, m);
      }
    }
    out.append('\n').append(bold(verdictLine(report, m))).append('\n');
    return out.toString();
  }

  /** The one-line verdict with counts, as every medium shows it. */
  public static String verdictLine(Report r, Messages m) {
    return m.get("report.verdict", m.get("verdict." + r.verdict().id()), r.count(Severity.PASS), r.count(Severity.INFO),
        r.count(Severity.WARN), r.count(Severity.FAIL), r.count(Severity.ERROR), r.elapsedMs());
  }

  private void appendFinding(StringBuilder out, Finding f, Messages m) {
    String tag = String.format("%-5s", m.get("severity." + f.severity().id()));
    out.append("  ").append(paint(tag, f.severity())).append(' ').append(f.id()).append("  ").append(f.subject()).append('\n');
    out.append("        ").append(f.summary()).append('\n');
    for (String e : f.evidence()) {
      out.append("        | ").append(e).append('\n');
    }
    if (f.fix() != null && f.severity() != Severity.PASS) {
      out.append("        ").append(m.get("report.fix")).append(": ").append(f.fix()).append('\n');
    }
    for (Link l : f.links()) {
      out.append("        ").append(m.get("report.see")).append(": ").append(l.title()).append(" <").append(l.url()).append(">\n");
    }
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
