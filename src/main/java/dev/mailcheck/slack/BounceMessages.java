package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.bounce.BounceAdvice;
import dev.mailcheck.bounce.BounceConfirmation;
import dev.mailcheck.bounce.BounceDiagnosis;
import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.FindingView;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the bot says about a bounce, as Block Kit messages in one language: the diagnosis (who
 * rejected, why, the codes, the IP and domain, the fix and links, as {@code mailcheck bounce} prints
 * them), and the first reply under it, which puts the receiver's reason next to what the check of the
 * implicated IP/domain found (the same sentence as {@code mailcheck bounce --check}) with the
 * playbook's advice for it (e.g. the PTR route of the IP's holder).
 */
final class BounceMessages {
  private final SlackRenderer r;
  private final Messages m;

  BounceMessages(SlackRenderer renderer) {
    this.r = renderer;
    this.m = Messages.of(renderer.lang());
  }

  /**
   * The diagnosis message.
   *
   * @param status the line about the check (running, done, nothing to check)
   * @param runId the key of the stored report for the "Show DNS queries" button, or null for no button
   */
  SlackMessage diagnosis(BounceAdvice a, String user, int readChars, String status, String runId) {
    BounceDiagnosis d = a.diagnosis();
    List<ObjectNode> blocks = new ArrayList<>();
    String header = m.get("slack.bounce.header", a.receiver());
    blocks.add(Blocks.header(Blocks.truncate(m.get("slack.icon.bounce") + " " + header, Blocks.HEADER_TEXT)));
    List<String> facts = new ArrayList<>();
    facts.add(fact("bounce.cli.cause", "`" + d.category() + "`"));
    facts.add(fact("bounce.cli.codes", codes(d)));
    if (d.ip() != null) {
      facts.add(fact("bounce.cli.ip", Blocks.escape(d.ip())));
    }
    if (d.domain() != null) {
      facts.add(fact("bounce.cli.domain", Blocks.escape(d.domain())));
    }
    if (d.list() != null) {
      facts.add(fact("bounce.cli.list", Blocks.escape(d.list())));
    }
    if (d.rejectingHost() != null) {
      facts.add(fact("bounce.cli.host", Blocks.escape(d.rejectingHost())));
    }
    blocks.add(Blocks.section(Blocks.truncate(String.join(" · ", facts), Blocks.SECTION_TEXT)));
    blocks.addAll(Blocks.sections(Blocks.escape(a.summary())));
    List<String> tail = new ArrayList<>();
    if (a.fix() != null) {
      tail.add(m.get("slack.finding.fix", Blocks.escape(a.fix())));
    }
    if (!a.links().isEmpty()) {
      tail.add(m.get("slack.finding.see", a.links().stream().map(l -> Blocks.link(l.url(), l.title())).collect(Collectors.joining(" · "))));
    }
    if (!tail.isEmpty()) {
      blocks.addAll(Blocks.sections(String.join("\n", tail)));
    }
    List<String> context = new ArrayList<>();
    context.add(m.get("slack.bounce.asked", SlackRenderer.mention(user)));
    if (readChars > 0) {
      context.add(m.get("slack.bounce.truncated", readChars));
    }
    blocks.add(Blocks.context(context));
    blocks.add(Blocks.section(Blocks.truncate(status, Blocks.SECTION_TEXT)));
    if (runId != null) {
      blocks.add(Blocks.actions("mailcheck.actions", List.of(Blocks.button(m.get("slack.button.dns"), SlackRenderer.ACTION_DNS, runId, false))));
    }
    String text = header + ": " + a.summary();
    return new SlackMessage(Blocks.truncate(text, Blocks.PLAIN_TEXT), Blocks.toJson(blocks));
  }

  private String fact(String label, String value) {
    return "*" + Blocks.escape(m.get(label)) + ":* " + value;
  }

  private String codes(BounceDiagnosis d) {
    if (d.smtpCode() == null && d.enhancedCode() == null) {
      return m.get("bounce.codes.none");
    }
    return Blocks.escape(String.join(" ", java.util.stream.Stream.of(d.smtpCode(), d.enhancedCode()).filter(java.util.Objects::nonNull).toList()));
  }

  /** The status line while the implicated IP/domain is checked. */
  String checking(String target) {
    return m.get("slack.icon.running") + " " + m.get("slack.bounce.checking", Blocks.escape(target));
  }

  /** The status line once the check is done: its verdict and counts. */
  String checked(Report report) {
    Severity v = report.verdict();
    return m.get("slack.icon." + v.id()) + " " + m.get("slack.bounce.checked", Blocks.escape(report.target().display()),
        Blocks.escape(m.get("verdict." + v.id())), r.counts(report.findings()));
  }

  /** A status line that is one sentence (nothing to check, what cannot be checked, an interruption). */
  String note(String sentence) {
    return m.get("slack.icon.info") + " " + Blocks.escape(sentence);
  }

  /**
   * The first reply under the diagnosis: the receiver's reason and the check side by side; when the
   * check confirms it, who holds the subject and how to ask them, and the playbook's advice (that of
   * {@code provider}, the receiver that bounced the mail, when there is some).
   */
  List<SlackMessage> confirmation(BounceConfirmation.Outcome o, Report report, String provider) {
    List<ObjectNode> blocks = new ArrayList<>();
    String icon = switch (o.status()) {
      case CONFIRMED -> m.get("slack.icon.fail");
      case CLEARED -> m.get("slack.icon.pass");
      default -> m.get("slack.icon.info");
    };
    String title = m.get("bounce.check.title", report.target().display());
    blocks.addAll(Blocks.sections("*" + Blocks.escape(title) + "*\n" + icon + " " + Blocks.escape(o.sentence())));
    List<Finding> confirming = report.findings().stream().filter(f -> o.status() == BounceConfirmation.Status.CONFIRMED
        && o.findings().contains(f.id() + " " + f.subject())).toList();
    List<String> more = new ArrayList<>();
    String receiver = o.status() == BounceConfirmation.Status.CONFIRMED ? provider : null;
    for (Finding f : confirming) {
      // Who holds the subject (an IP's network owner) and how to ask them: where the fix is requested.
      for (Finding x : report.findings()) {
        if (x.id().startsWith("owner.") && x.subject().equals(f.subject()) && !confirming.contains(x)) {
          FindingView owner = Catalog.bundled().view(x, r.lang());
          more.add(Blocks.escape(owner.summary()));
          if (owner.fix() != null) {
            more.add(m.get("slack.finding.fix", Blocks.escape(owner.fix())));
          }
        }
      }
      FindingView v = Catalog.bundled().view(f, r.lang());
      // The advice of the receiver that bounced the mail, when the playbook has some; else all of it.
      List<dev.mailcheck.report.Advice> theirs = v.advice().stream().filter(a -> a.party().equals(receiver)).toList();
      String advice = SlackAdvice.text(theirs.isEmpty() ? v.advice() : theirs, List.of(), m);
      if (!advice.isEmpty()) {
        more.add(advice);
      } else if (v.fix() != null) {
        more.add(m.get("slack.finding.fix", Blocks.escape(v.fix())));
      }
    }
    if (!more.isEmpty()) {
      blocks.addAll(Blocks.sections(String.join("\n", more)));
    }
    String text = Blocks.truncate(title + ": " + o.sentence(), Blocks.PLAIN_TEXT);
    // A few sections: one message, unless the advice is very long, and then the rest follows it.
    return new MessagePacker(null).pack(List.of(blocks)).stream().map(p -> new SlackMessage(text, Blocks.toJson(p))).toList();
  }
}
