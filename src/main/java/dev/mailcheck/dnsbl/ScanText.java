package dev.mailcheck.dnsbl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.dns.Addresses;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.report.Severity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A range scan in words, for the CLI and the Slack thread: one line per listing (text) or one JSON
 * object per listed address (JSON lines), and the summary. Meanings come from the same texts as the
 * {@code dnsbl.listed} finding, in the reader's language.
 */
public final class ScanText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Messages m;
  private final Lang lang;

  public ScanText(Lang lang) {
    this.lang = lang;
    this.m = Messages.of(lang);
  }

  /** The delisting page of a list, or null. */
  public String delistUrl(BlockList list) {
    Playbook p = Playbook.bundled();
    return list.delist() != null && p.has(list.delist()) ? p.link(list.delist(), lang).url() : null;
  }

  /** What the answers of a listing mean, joined. */
  public String meanings(Lookup l) {
    List<String> out = new ArrayList<>();
    for (ListAnswer.Hit h : ((ListAnswer.Listed) l.answer()).hits()) {
      out.add(m.get(h.code().meaningKey(), h.answer()));
    }
    return String.join("; ", out);
  }

  /** One line per listing: {@code 192.0.2.5  Spamhaus ZEN (zen.spamhaus.org): 127.0.0.2 is SBL: …  https://check.spamhaus.org}. */
  public List<String> lines(InetAddress ip, List<Lookup> listings) {
    List<String> out = new ArrayList<>();
    for (Lookup l : listings) {
      String url = delistUrl(l.list());
      out.add(Addresses.text(ip) + "  " + l.list().name() + " (" + l.list().display() + "): " + meanings(l) + (url == null ? "" : "  " + url));
    }
    return out;
  }

  /** One JSON object for a listed address. */
  public String json(InetAddress ip, List<Lookup> listings) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ip", Addresses.text(ip));
    ArrayNode arr = o.putArray("listings");
    for (Lookup l : listings) {
      ObjectNode x = arr.addObject();
      x.put("list", l.list().name());
      x.put("zone", l.list().display());
      Severity worst = Severity.PASS;
      ArrayNode answers = x.putArray("answers");
      ArrayNode meanings = x.putArray("meanings");
      for (ListAnswer.Hit h : ((ListAnswer.Listed) l.answer()).hits()) {
        answers.add(h.answer());
        meanings.add(m.get(h.code().meaningKey(), h.answer()));
        worst = h.code().severity().compareTo(worst) > 0 ? h.code().severity() : worst;
      }
      x.put("severity", worst.id());
      x.put("delist", delistUrl(l.list()));
    }
    return o.toString();
  }

  /** The summary in words: the first line, then one line per list that was not fully used. */
  public List<String> summary(RangeScan.Summary s) {
    List<String> out = new ArrayList<>();
    out.add(m.get("scan.summary", s.addresses(), s.range().toString(), s.lists().size(), s.elapsedMs() / 1000.0, s.listedAddresses()));
    for (RangeScan.ListSummary l : s.lists()) {
      String problem = problem(l);
      if (problem != null) {
        out.add(m.get("scan.list-problem", l.list().name(), l.list().display(), problem));
      }
    }
    if (s.cut()) {
      out.add(m.get("scan.cut", s.checked(), s.addresses(), s.range().toString()));
    }
    out.add(m.get(s.complete() ? "scan.complete" : "scan.incomplete"));
    return out;
  }

  /** The summary as one JSON object, {@code {"summary": …}}. */
  public String summaryJson(RangeScan.Summary s) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode o = root.putObject("summary");
    o.put("range", s.range().toString());
    o.put("addresses", s.addresses());
    o.put("checked", s.checked());
    o.put("listed", s.listedAddresses());
    o.put("complete", s.complete());
    o.put("elapsedMs", s.elapsedMs());
    ArrayNode lists = o.putArray("lists");
    for (RangeScan.ListSummary l : s.lists()) {
      ObjectNode x = lists.addObject();
      x.put("list", l.list().name());
      x.put("zone", l.list().display());
      x.put("status", status(l));
      x.put("listed", l.listed());
      x.put("refused", l.refused());
      x.put("notAnswered", l.failed());
      String problem = problem(l);
      if (problem != null) {
        x.put("problem", problem);
      }
    }
    return root.toString();
  }

  private static String status(RangeScan.ListSummary l) {
    return switch (l.health()) {
      case Health.Healthy h -> l.refused() > 0 || l.failed() > 0 ? "partly-checked" : "checked";
      case Health.Unhealthy u -> "unhealthy";
      case Health.Refused r -> "refused";
      case Health.Failed f -> "not-answered";
    };
  }

  private String problem(RangeScan.ListSummary l) {
    return switch (l.health()) {
      case Health.Unhealthy u -> m.get("scan.problem.unhealthy", m.get("dnsbl.unhealthy." + u.reason(), u.testPoint()));
      case Health.Refused r -> m.get("scan.problem.refused", r.refusal().answer(), m.get("dnsbl.refusal." + r.refusal().reason()));
      case Health.Failed f -> m.get("scan.problem.test-not-answered", f.answer().question(), f.answer().outcome().name());
      case Health.Healthy h -> {
        List<String> parts = new ArrayList<>();
        if (l.refused() > 0) {
          parts.add(m.get("scan.problem.some-refused", l.refused(), l.refusal().answer(), m.get("dnsbl.refusal." + l.refusal().reason())));
        }
        if (l.failed() > 0) {
          parts.add(m.get("scan.problem.some-not-answered", l.failed()));
        }
        yield parts.isEmpty() ? null : String.join("; ", parts);
      }
    };
  }
}
