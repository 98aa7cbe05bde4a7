package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.FindingView;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything the bot says, as Block Kit messages in one language: the parent message, one reply
 * per area (split into parts when Slack's limits need it), the verdict, the DNS trace, help, the
 * App Home. Texts come from the message bundles; findings are put into words here, from the finding catalog.
 */
public final class SlackRenderer {
  public static final String ACTION_RERUN = "mailcheck.rerun";
  public static final String ACTION_DNS = "mailcheck.dns";
  private static final int TOP_PROBLEMS = 5;

  private final Messages m;
  private final String command;

  public SlackRenderer(Lang lang, String command) {
    this.m = Messages.of(lang);
    this.command = command;
  }

  public Lang lang() {
    return m.lang();
  }

  private String icon(Severity s) {
    return m.get("slack.icon." + s.id());
  }

  private String severity(Severity s) {
    return m.get("severity." + s.id());
  }

  /** "Checking example.com for @user…", posted when a run starts. */
  public SlackMessage parent(String target, String from, String user) {
    String line = from == null
        ? m.get("slack.parent.checking", Blocks.escape(target), mention(user))
        : m.get("slack.parent.checking-from", Blocks.escape(target), mention(user), Blocks.escape(from));
    List<ObjectNode> blocks = List.of(
        Blocks.section(Blocks.truncate(m.get("slack.icon.running") + " " + line, Blocks.SECTION_TEXT)),
        Blocks.context(List.of(m.get("slack.parent.hint"))));
    return new SlackMessage(line, Blocks.toJson(blocks));
  }

  static String mention(String user) {
    return "<@" + user + ">";
  }

  /** One area's findings: one message, or several when they exceed what one message may hold. */
  public List<SlackMessage> area(Area area, List<Finding> findings) {
    String name = m.get("area." + area.id());
    List<List<ObjectNode>> units = new ArrayList<>();
    for (Finding f : findings) {
      units.add(finding(f));
    }
    if (units.isEmpty()) {
      units.add(List.of(Blocks.section(m.get("slack.area.empty"))));
    }
    String counts = counts(findings);
    MessagePacker packer = new MessagePacker((i, n) ->
        Blocks.header(n == 1 ? worst(findings) + " " + name : worst(findings) + " " + m.get("slack.area.part", name, i, n)));
    List<List<ObjectNode>> parts = packer.pack(units);
    List<SlackMessage> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String title = parts.size() == 1 ? name : m.get("slack.area.part", name, i + 1, parts.size());
      out.add(new SlackMessage(Blocks.truncate(title + ": " + counts, Blocks.PLAIN_TEXT), Blocks.toJson(parts.get(i))));
    }
    return out;
  }

  private String worst(List<Finding> findings) {
    Severity w = findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.PASS);
    return icon(w);
  }

  /** "2 FAIL, 1 PASS": the non-zero counts, most serious first. */
  String counts(List<Finding> findings) {
    List<String> parts = new ArrayList<>();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity s = Severity.values()[i];
      long n = findings.stream().filter(f -> f.severity() == s).count();
      if (n > 0) {
        parts.add(m.get("slack.count", n, severity(s)));
      }
    }
    return parts.isEmpty() ? "0" : String.join(", ", parts);
  }

  /**
   * The blocks of one finding: headline and summary, evidence as code, fix and links, then the
   * playbook's advice.
   */
  List<ObjectNode> finding(Finding raw) {
    FindingView f = Catalog.bundled().view(raw, m.lang());
    List<ObjectNode> blocks = new ArrayList<>();
    String head = icon(f.severity()) + " *" + Blocks.escape(severity(f.severity())) + "* `" + f.id() + "` "
        + Blocks.escape(f.subject()) + "\n" + Blocks.escape(f.summary());
    blocks.addAll(Blocks.sections(head));
    if (!f.evidence().isEmpty()) {
      blocks.addAll(Blocks.code(f.evidence().stream().map(Blocks::escape).toList()));
    }
    List<String> tail = new ArrayList<>();
    if (f.fix() != null && f.severity() != Severity.PASS) {
      tail.add(m.get("slack.finding.fix", Blocks.escape(f.fix())));
    }
    if (!f.links().isEmpty()) {
      tail.add(m.get("slack.finding.see", f.links().stream().map(l -> Blocks.link(l.url(), l.title()))
          .collect(Collectors.joining(" · "))));
    }
    String advice = SlackAdvice.text(f.advice(), f.links(), m);
    if (!advice.isEmpty()) {
      tail.add(advice);
    }
    if (!tail.isEmpty()) {
      blocks.addAll(Blocks.sections(String.join("\n", tail)));
    }
    return blocks;
  }

  /** The parent message once the run is done: verdict, counts, top problems, the two buttons. */
  public SlackMessage verdict(Report report, String user, String runId, String rerunValue, int unposted, String postError) {
    Report.ReportTarget t = report.target();
    Severity v = report.verdict();
    String verdictText = m.get("verdict." + v.id());
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.header(m.get("slack.verdict.header", t.unicode())));
    blocks.add(Blocks.section(icon(v) + " *" + Blocks.escape(verdictText) + "*\n" + counts(report.findings())));
    Report.SendingIps ips = report.sendingIps();
    if (ips != null && !ips.addresses().isEmpty()) {
      String list = String.join(", ", ips.addresses());
      blocks.addAll(Blocks.sections(Blocks.truncate(
          m.get(ips.assumed() ? "slack.sending-ips.assumed" : "slack.sending-ips.given", list), Blocks.SECTION_TEXT)));
    }
    List<Finding> problems = report.findings().stream()
        .filter(f -> f.severity().compareTo(Severity.WARN) >= 0)
        .sorted(Comparator.comparing(Finding::severity).reversed())
        .toList();
    if (!problems.isEmpty()) {
      StringBuilder top = new StringBuilder(m.get("slack.verdict.top"));
      for (Finding f : problems.subList(0, Math.min(TOP_PROBLEMS, problems.size()))) {
        top.append("\n").append(icon(f.severity())).append(" `").append(f.id()).append("` ")
            .append(Blocks.escape(Blocks.truncate(Catalog.bundled().view(f, m.lang()).summary(), 400)));
      }
      if (problems.size() > TOP_PROBLEMS) {
        top.append("\n").append(m.get("slack.verdict.more", problems.size() - TOP_PROBLEMS));
      }
      blocks.addAll(Blocks.sections(top.toString()));
    }
    if (unposted > 0) {
      blocks.add(Blocks.section(Blocks.truncate(m.get("slack.post-failed", unposted, Blocks.escape(postError)), Blocks.SECTION_TEXT)));
    }
    blocks.add(Blocks.context(List.of(m.get("slack.verdict.context", mention(user), report.elapsedMs(), report.dnsQueries().size()))));
    List<ObjectNode> buttons = new ArrayList<>(rerunButton(rerunValue));
    buttons.add(Blocks.button(m.get("slack.button.dns"), ACTION_DNS, runId, false));
    blocks.add(Blocks.actions("mailcheck.actions", buttons));
    String fallback = m.get("slack.verdict.fallback", t.unicode(), verdictText, counts(report.findings()));
    return new SlackMessage(Blocks.truncate(fallback, Blocks.PLAIN_TEXT), Blocks.toJson(blocks));
  }

  /** The parent message when the run was cut short by a restart. */
  public SlackMessage interruptedParent(String target, String rerunValue) {
    return stopped(m.get("slack.interrupted"), m.get("slack.interrupted.fallback", target), rerunValue);
  }

  /** The parent message when the run stopped on an internal error: says so, offers a re-run. */
  public SlackMessage failedParent(String target, String rerunValue) {
    return stopped(m.get("slack.failed", target), m.get("slack.failed.fallback", target), rerunValue);
  }

  private SlackMessage stopped(String sentence, String fallback, String rerunValue) {
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.section(icon(Severity.ERROR) + " " + Blocks.escape(sentence)));
    List<ObjectNode> buttons = rerunButton(rerunValue);
    if (!buttons.isEmpty()) {
      blocks.add(Blocks.actions("mailcheck.actions", buttons));
    }
    return new SlackMessage(fallback, Blocks.toJson(blocks));
  }

  /** The Re-run button, or none when the command is too long for a button's value (2,000 chars). */
  private List<ObjectNode> rerunButton(String rerunValue) {
    if (rerunValue == null || rerunValue.isEmpty() || rerunValue.length() > Blocks.BUTTON_VALUE) {
      return List.of();
    }
    return List.of(Blocks.button(m.get("slack.button.rerun"), ACTION_RERUN, rerunValue, true));
  }

  /** The DNS questions of a run, as preformatted lines in as many messages as needed. */
  public List<SlackMessage> queries(List<Report.DnsQuery> queries) {
    String title = m.get("slack.dns.header", queries.size());
    if (queries.isEmpty()) {
      return List.of(new SlackMessage(m.get("slack.dns.none"), Blocks.toJson(List.of(Blocks.section(m.get("slack.dns.none"))))));
    }
    List<String> lines = queries.stream().map(q -> q.name() + " " + q.type() + " " + q.outcome() + " " + q.elapsedMs() + " ms @"
        + q.resolver() + (q.viaTcp() ? " (tcp)" : "")).toList();
    List<List<ObjectNode>> units = Blocks.code(lines.stream().map(Blocks::escape).toList()).stream().map(List::of).toList();
    List<List<ObjectNode>> parts = new MessagePacker((i, n) -> Blocks.header(n == 1 ? title : title + " " + i + "/" + n)).pack(units);
    List<SlackMessage> out = new ArrayList<>();
    for (List<ObjectNode> p : parts) {
      out.add(new SlackMessage(title, Blocks.toJson(p)));
    }
    return out;
  }

  /** The usage line: offers {@code selector} only while a registered check reads selectors. */
  private String usage() {
    return m.get("slack.help.usage", command, dev.mailcheck.check.Checks.readsSelectors() ? m.get("slack.help.usage.selector") : "");
  }

  /** The examples, from the check registry: the selector example only when a check reads selectors. */
  private String examples() {
    StringBuilder sb = new StringBuilder(m.get("slack.help.examples", command));
    if (dev.mailcheck.check.Checks.readsSelectors()) {
      sb.append('\n').append(m.get("slack.help.example.selector", command));
    }
    return sb.append('\n').append(m.get("slack.help.examples.more", command))
        .append('\n').append(m.get("slack.help.bounce", command))
        .append('\n').append(m.get("slack.help.scan", command)).toString();
  }

  /** The areas of the registered checks, in report order, as the help names them ("sending IPs, SPF, …"). */
  private String areas() {
    return String.join(", ", dev.mailcheck.check.Checks.areas().stream()
        .map(a -> m.get("area." + a.id())).map(s -> m.lang() == dev.mailcheck.playbook.Lang.EN ? lowerFirst(s) : s).toList());
  }

  /** "Sending IPs" as it reads inside an English sentence; acronyms (SPF) stay as they are. */
  private static String lowerFirst(String s) {
    return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
  }

  /** Usage and examples; {@code unknown} is the word that was not understood, or null. */
  public SlackMessage help(String unknown) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (unknown != null) {
      blocks.add(Blocks.section(Blocks.truncate(m.get("slack.help.unknown", Blocks.escape(unknown)), Blocks.SECTION_TEXT)));
    }
    blocks.add(Blocks.header(m.get("slack.help.header")));
    blocks.add(Blocks.section(usage()));
    blocks.addAll(Blocks.sections(examples()));
    blocks.add(Blocks.context(List.of(m.get("slack.help.how", areas()))));
    String text = (unknown == null ? "" : m.get("slack.help.unknown", unknown) + " ") + usage().replace("*", "");
    return new SlackMessage(text, Blocks.toJson(blocks));
  }

  /** A one-sentence ephemeral answer. */
  public SlackMessage sentence(String key, Object... args) {
    String t = m.get(key, args);
    return new SlackMessage(t, Blocks.toJson(Blocks.sections(t)));
  }

  /** A sentence already worded (e.g. why a target was refused), as a message. */
  public SlackMessage said(String sentence) {
    return new SlackMessage(sentence, Blocks.toJson(Blocks.sections(Blocks.escape(sentence))));
  }

  /** One check a user ran, for the App Home. */
  public record RecentCheck(String target, Severity verdict, String channel, Instant at) {}

  /** The App Home view: usage, examples, the user's recent checks (newest first). */
  public String home(List<RecentCheck> recent) {
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.header(m.get("slack.home.header")));
    blocks.addAll(Blocks.sections(m.get("slack.home.intro")));
    blocks.add(Blocks.section(usage()));
    blocks.add(Blocks.section(m.get("slack.home.examples")));
    blocks.addAll(Blocks.sections(examples()));
    blocks.add(Blocks.divider());
    blocks.add(Blocks.section(m.get("slack.home.recent")));
    if (recent.isEmpty()) {
      blocks.add(Blocks.section(m.get("slack.home.recent.none", command)));
    } else {
      StringBuilder sb = new StringBuilder();
      for (RecentCheck r : recent) {
        String where = r.channel() == null || r.channel().startsWith("D")
            ? m.get("slack.home.recent.dm") : m.get("slack.home.recent.in", r.channel());
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(m.get("slack.home.recent.item", icon(r.verdict()), Blocks.escape(r.target()), where,
            r.at().getEpochSecond(), r.at().toString()));
      }
      // The home view may hold 100 blocks; the recent list is bounded well below that.
      blocks.addAll(Blocks.sections(sb.toString()));
    }
    ObjectNode view = Blocks.JSON.createObjectNode();
    view.put("type", "home");
    ArrayNode a = view.putArray("blocks");
    blocks.forEach(a::add);
    return view.toString();
  }
}
