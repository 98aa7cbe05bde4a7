package dev.mailcheck.slack;

import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.TargetParser;

/**
 * Decides what a request for a check gets (a slash command, a Re-run click, a direct message):
 * help, a refusal, a sentence about the input, or a run; {@code bounce …} goes to {@link BounceRequests},
 * {@code scan RANGE} to {@link ScanRequests}.
 * Access is checked against {@code origin}, the channel the check was first asked for in; the run posts in {@code here},
 * where it is asked for now.
 */
public final class CheckRequests {
  private final BotServices s;
  private final TargetParser parser;
  private final BounceRequests bounces;
  private final ScanRequests scans;

  public CheckRequests(BotServices services) {
    this.s = services;
    this.parser = new TargetParser(services.settings().allowPrivate());
    this.bounces = new BounceRequests(services);
    this.scans = new ScanRequests(services);
  }

  /** One request: what was typed, by whom, where; {@code reply} answers that person alone. */
  public record Request(String text, String user, String userName, Origin here, Origin origin, Reply reply) {}

  public void handle(Request q, SlackRenderer r) {
    Admission admission = s.admission();
    if (admission.closing()) {
      q.reply().send(r.sentence("slack.shutting-down"));
      return;
    }
    if (BounceRequests.asksForBounce(q.text())) {
      // "bounce <pasted text>": a diagnosis, not a target; it posts where the request was made.
      bounces.handle(new BounceRequests.Request(BounceRequests.afterWord(q.text()), q.user(), q.userName(), q.origin(), null, q.reply(), false), r);
      return;
    }
    if (ScanRequests.asksForScan(q.text())) {
      // "scan <range>": the range on the blocklists; it posts where the request was made.
      scans.handle(new ScanRequests.Request(BounceRequests.afterWord(q.text()), q.user(), q.userName(), q.here(), q.origin(), q.reply()), r);
      return;
    }
    SlashCommand cmd = SlashCommand.parse(q.text(), parser, Messages.of(r.lang()), s.settings().command());
    boolean notUnderstood = cmd instanceof SlashCommand.Invalid || cmd instanceof SlashCommand.Help h && h.unknownWord() != null;
    if (notUnderstood && BounceRequests.pastedBounce(q.text())) {
      // A rejection pasted without the word "bounce": diagnosed as if it had been given.
      bounces.handle(new BounceRequests.Request(q.text(), q.user(), q.userName(), q.origin(), null, q.reply(), false), r);
      return;
    }
    if (cmd instanceof SlashCommand.Help h) {
      q.reply().send(r.help(h.unknownWord()));
      return;
    }
    Admission.Refusal refusal = admission.access(q.origin(), q.user(), q.userName());
    if (refusal != null) {
      q.reply().send(r.sentence(refusal.key(), refusal.args()));
      return;
    }
    if (cmd instanceof SlashCommand.Invalid inv) {
      q.reply().send(r.said(inv.sentence()));
      return;
    }
    CheckRun run = new CheckRun(s, (SlashCommand.Run) cmd, q.user(), q.here().id(), q.origin(), q.reply(), r);
    Admission.Refusal busy = admission.start(run.admitted());
    if (busy != null) {
      q.reply().send(r.sentence(busy.key(), busy.args()));
    }
  }
}
