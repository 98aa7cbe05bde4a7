package dev.mailcheck.slack;

import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.dnsbl.ListKind;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.InputException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what {@code /mailcheck scan RANGE} gets (and the same words in a DM to the bot): a
 * sentence for a missing, malformed or too wide range, or, once access and the run limits allow it,
 * a {@link ScanRun} of the range on the blocklists the bot is configured with ({@link ScanSettings}).
 */
public final class ScanRequests {
  /** The words after the command that ask for a range scan. */
  static final Set<String> WORDS = Set.of("scan", "스캔");

  private final BotServices s;

  public ScanRequests(BotServices services) {
    this.s = services;
  }

  /**
   * One scan asked for.
   *
   * @param text what follows the word {@code scan}
   * @param here where the summary and the thread are posted
   * @param origin where access is checked (the channel the request was first made in)
   */
  public record Request(String text, String user, String userName, Origin here, Origin origin, Reply reply) {}

  /** Whether the text after the command asks for a range scan ({@code scan …}). */
  public static boolean asksForScan(String commandText) {
    String t = commandText == null ? "" : commandText.strip();
    String first = t.substring(0, t.length() - BounceRequests.afterWord(t).length());
    return WORDS.contains(first.toLowerCase(Locale.ROOT));
  }

  public void handle(Request q, SlackRenderer r) {
    Admission admission = s.admission();
    if (admission.closing()) {
      q.reply().send(r.sentence("slack.shutting-down"));
      return;
    }
    String text = SlackText.plain(q.text()).strip();
    if (text.isEmpty()) {
      q.reply().send(r.sentence("slack.scan.empty", s.settings().command()));
      return;
    }
    Admission.Refusal refusal = admission.access(q.origin(), q.user(), q.userName());
    if (refusal != null) {
      q.reply().send(r.sentence(refusal.key(), refusal.args()));
      return;
    }
    Messages m = Messages.of(r.lang());
    Cidr range;
    try {
      // One range per scan: text with a second word is not a range.
      range = Cidr.parse(text);
    } catch (InputException e) {
      q.reply().send(r.said(e.text(m)));
      return;
    }
    ScanSettings settings = s.settings().scan();
    if (range.hostBits() > 32 - settings.maxPrefix()) {
      q.reply().send(r.said(m.get("slack.scan.too-large", range.toString(), range.size().toString(), settings.maxPrefix(),
          settings.maxAddresses().toString())));
      return;
    }
    ListKind kind = range.ipv4() ? ListKind.IPV4 : ListKind.IPV6;
    List<BlockList> lists = settings.lists().supporting(kind);
    if (lists.isEmpty()) {
      q.reply().send(r.sentence("slack.scan.no-lists", kind == ListKind.IPV4 ? "IPv4" : "IPv6"));
      return;
    }
    ScanRun run = new ScanRun(s, range, lists, q.user(), q.here().id(), q.reply(), r);
    Admission.Refusal busy = admission.start(run.admitted());
    if (busy != null) {
      q.reply().send(r.sentence(busy.key(), busy.args()));
    }
  }
}
