package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.dnsbl.RangeScan;
import dev.mailcheck.dnsbl.ScanText;
import dev.mailcheck.playbook.Messages;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the bot says about a range scan, as Block Kit messages in one language: the parent (while the
 * scan runs, then its summary in {@link ScanText}'s words) and the thread replies naming the listed
 * addresses, each listing with its meaning and its list's delisting page.
 */
final class ScanMessages {
  /** One listed address and its listings. */
  record Listed(InetAddress ip, List<Lookup> listings) {}

  private final SlackRenderer r;
  private final Messages m;
  private final ScanText words;

  ScanMessages(SlackRenderer renderer) {
    this.r = renderer;
    this.m = Messages.of(renderer.lang());
    this.words = new ScanText(renderer.lang());
  }

  /** The parent while the scan runs. */
  SlackMessage running(Cidr range, List<BlockList> lists, String user) {
    String line = m.get("slack.scan.running", range.toString(), range.size().toString(), lists.size(), SlackRenderer.mention(user));
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.header(m.get("slack.scan.header", range.toString())));
    blocks.add(Blocks.section(Blocks.truncate(m.get("slack.icon.running") + " " + line, Blocks.SECTION_TEXT)));
    blocks.addAll(Blocks.sections(listNames(lists)));
    return new SlackMessage(Blocks.truncate(line, Blocks.PLAIN_TEXT), Blocks.toJson(blocks));
  }

  /**
   * The parent once the scan is over: the summary, whether anything is listed, and why the scan
   * stopped early when it did.
   *
   * @param note a sentence about an early end (the deadline), or null
   */
  SlackMessage summary(RangeScan.Summary s, List<BlockList> lists, String user, String note) {
    List<String> lines = words.summary(s);
    String icon = m.get("slack.icon." + (s.listedAddresses() > 0 ? "fail" : s.complete() ? "pass" : "error"));
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.header(m.get("slack.scan.header", s.range().toString())));
    StringBuilder body = new StringBuilder(icon).append(" *").append(Blocks.escape(lines.get(0))).append('*');
    lines.subList(1, lines.size()).forEach(l -> body.append('\n').append(Blocks.escape(l)));
    body.append('\n').append(s.listedAddresses() > 0 ? m.get("slack.scan.listed-below", s.listedAddresses(), ScanRun.ADDRESSES_PER_REPLY)
        : Blocks.escape(m.get("slack.scan.none-listed", s.range().toString())));
    if (note != null) {
      body.append('\n').append(m.get("slack.icon.warn")).append(' ').append(Blocks.escape(note));
    }
    blocks.addAll(Blocks.sections(body.toString()));
    blocks.addAll(Blocks.sections(listNames(lists)));
    blocks.add(Blocks.context(List.of(m.get("slack.scan.asked", SlackRenderer.mention(user)))));
    List<String> text = new ArrayList<>(lines);
    if (note != null) {
      text.add(note);
    }
    return new SlackMessage(Blocks.truncate(String.join("\n", text), Blocks.PLAIN_TEXT), Blocks.toJson(blocks));
  }

  /** The parent when the scan ends without a summary (a restart, an internal error): the sentence. */
  SlackMessage ended(Cidr range, String sentence) {
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(Blocks.header(m.get("slack.scan.header", range.toString())));
    blocks.addAll(Blocks.sections(m.get("slack.icon.error") + " " + Blocks.escape(sentence)));
    return new SlackMessage(sentence, Blocks.toJson(blocks));
  }

  /**
   * Thread replies for listed addresses: one section per address, as many addresses per reply as
   * Slack's limits allow (the caller hands over a few at a time).
   */
  List<SlackMessage> listed(List<Listed> found) {
    List<List<ObjectNode>> units = new ArrayList<>();
    List<List<String>> fallback = new ArrayList<>();
    for (Listed l : found) {
      StringBuilder sb = new StringBuilder("*").append(Addresses.text(l.ip())).append('*');
      for (Lookup x : l.listings()) {
        String url = words.delistUrl(x.list());
        sb.append("\n• ").append(Blocks.escape(x.list().name() + " (" + x.list().display() + "): " + words.meanings(x)));
        if (url != null) {
          sb.append("\n    ").append(m.get("slack.scan.delist", Blocks.link(url, url)));
        }
      }
      units.add(Blocks.sections(sb.toString()));
      fallback.add(words.lines(l.ip(), l.listings()));
    }
    List<SlackMessage> out = new ArrayList<>();
    int unit = 0;
    for (List<ObjectNode> part : new MessagePacker(null).pack(units)) {
      // The fallback text of a part: the CLI's lines of the addresses whose blocks it holds.
      List<String> text = new ArrayList<>();
      int blocksLeft = part.size();
      while (blocksLeft > 0 && unit < units.size()) {
        blocksLeft -= units.get(unit).size();
        text.addAll(fallback.get(unit));
        unit++;
      }
      out.add(new SlackMessage(Blocks.truncate(String.join("\n", text), Blocks.PLAIN_TEXT), Blocks.toJson(part)));
    }
    return out;
  }

  private String listNames(List<BlockList> lists) {
    return Blocks.truncate(m.get("slack.scan.lists", Blocks.escape(lists.stream().map(l -> l.name() + " (" + l.display() + ")")
        .collect(Collectors.joining(", ")))), Blocks.SECTION_TEXT);
  }
}
