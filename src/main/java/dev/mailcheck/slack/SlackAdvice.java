package dev.mailcheck.slack;

import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Advice;
import dev.mailcheck.report.Link;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The playbook's advice on a finding as Slack mrkdwn, the way the text and Markdown reports show it
 * but compact: one line per party ("*KT:* what to do"), its steps numbered below it, its links on one
 * line. Links the finding itself already shows are not repeated. {@link Blocks#sections} splits the
 * result to Slack's section limit, and {@link MessagePacker} spreads a long finding over messages.
 */
final class SlackAdvice {
  private SlackAdvice() {}

  /** The advice as mrkdwn lines; empty when there is none. */
  static String text(List<Advice> advice, List<Link> shown, Messages m) {
    StringBuilder out = new StringBuilder();
    for (Advice a : advice) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(m.get("slack.finding.advice", Blocks.escape(a.name()), a.fix() == null ? "" : Blocks.escape(a.fix())).strip());
      for (int i = 0; i < a.steps().size(); i++) {
        out.append("\n   ").append(i + 1).append(". ").append(Blocks.escape(a.steps().get(i)));
      }
      List<Link> links = a.links().stream().filter(l -> !shown.contains(l)).toList();
      if (!links.isEmpty()) {
        out.append("\n   ").append(links.stream().map(l -> Blocks.link(l.url(), l.title())).collect(Collectors.joining(" · ")));
      }
    }
    return out.toString();
  }
}
