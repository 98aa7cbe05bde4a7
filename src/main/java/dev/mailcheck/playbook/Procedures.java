package dev.mailcheck.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.report.Advice;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Link;
import dev.mailcheck.report.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The playbook's advice ({@code playbook/advice.json}): per finding ID, what each receiver or
 * blocklist wants done, in English and Korean, with steps and links; and notices such as the closed
 * KISA white-domain programme. Everything is keyed by finding ID, so findings of checks this build
 * does not have yet get their advice the day they are reported, without a code change. How to get a
 * PTR set by the holder of an address block is the owner check's knowledge ({@code owner/routes.json}):
 * the owner and PTR findings' own fixes carry it, naming the holder and the host the run found.
 *
 * <p>The finding catalog's own fix (filled with what the run found) stays the first thing a user
 * reads; this adds the receiver-specific part. An entry for {@code *} is the generic fix, shown only
 * when the catalog has none and no specific entry applies.
 */
public final class Procedures {
  private static final String RESOURCE = "/dev/mailcheck/playbook/advice.json";
  /** The party of advice that holds for every receiver. */
  public static final String ANY = "*";

  /** A text in both languages. */
  public record Words(String en, String ko) {
    public String in(Lang lang) {
      return lang == Lang.KO ? ko : en;
    }

    static Words of(JsonNode n) {
      return n.isMissingNode() || n.isNull() ? null : new Words(n.path("en").asText(null), n.path("ko").asText(null));
    }
  }

  /** Where a fact comes from: a source, and the date it was checked against it, or why it could not be. */
  public record Provenance(String source, String verified, String status, String note) {
    /** True when the entry says it could not be checked ({@code "status": "unverified"}). */
    public boolean unverified() {
      return "unverified".equals(status);
    }

    static Provenance of(JsonNode n) {
      return new Provenance(n.path("source").asText(null), n.path("verified").asText(null), n.path("status").asText(null),
          n.path("note").asText(null));
    }
  }

  /** One piece of advice: for a finding ID and a party (receiver, list, or {@code *}). */
  public record Entry(String finding, String party, List<String> match, Words fix, List<String> stepsEn, List<String> stepsKo,
      List<String> links, Provenance provenance) {}

  /** Something to say whenever certain findings show, such as a programme that no longer exists. */
  public record Notice(String id, String status, List<String> findings, Words text, Provenance provenance) {}

  private static final class Holder {
    static final Procedures BUNDLED = load();
  }

  private final Map<String, Words> parties;
  private final Map<String, List<Entry>> byFinding;
  private final Map<String, Notice> notices;
  private final Set<String> nothingToFix;

  private Procedures(Map<String, Words> parties, Map<String, List<Entry>> byFinding,
      Map<String, Notice> notices, Set<String> nothingToFix) {
    this.parties = parties;
    this.byFinding = byFinding;
    this.notices = notices;
    this.nothingToFix = nothingToFix;
  }

  /** The bundled playbook advice, read once. */
  public static Procedures bundled() {
    return Holder.BUNDLED;
  }

  static Procedures load() {
    JsonNode root;
    try (InputStream in = Procedures.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Words> parties = new LinkedHashMap<>();
    root.path("parties").fields().forEachRemaining(e -> parties.put(e.getKey(), Words.of(e.getValue().path("name"))));
    Map<String, List<Entry>> byFinding = new LinkedHashMap<>();
    root.path("findings").fields().forEachRemaining(f -> {
      List<Entry> entries = new ArrayList<>();
      f.getValue().fields().forEachRemaining(p -> {
        if (!parties.containsKey(p.getKey())) {
          throw new IllegalStateException(RESOURCE + ": " + f.getKey() + " names unknown party " + p.getKey());
        }
        JsonNode v = p.getValue();
        entries.add(new Entry(f.getKey(), p.getKey(), strings(v.path("match")), Words.of(v.path("fix")),
            strings(v.path("steps").path("en")), strings(v.path("steps").path("ko")), strings(v.path("links")), Provenance.of(v)));
      });
      byFinding.put(f.getKey(), List.copyOf(entries));
    });
    Map<String, Notice> notices = new LinkedHashMap<>();
    root.path("notices").fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      notices.put(e.getKey(), new Notice(e.getKey(), v.path("status").asText(null), strings(v.path("findings")), Words.of(v.path("text")),
          Provenance.of(v)));
    });
    return new Procedures(Map.copyOf(parties), byFinding, notices, new LinkedHashSet<>(strings(root.path("nothingToFix"))));
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  /** The advice for a finding ID, as stored (every party). */
  public List<Entry> entries(String findingId) {
    return byFinding.getOrDefault(findingId, List.of());
  }

  /** Every finding ID the playbook has advice for. */
  public Set<String> findingIds() {
    return byFinding.keySet();
  }

  /** IDs that report something fine (e.g. {@code dkim.ok}) of checks whose catalog is not in this build. */
  public Set<String> nothingToFix() {
    return nothingToFix;
  }

  public Collection<Notice> notices() {
    return notices.values();
  }

  public Map<String, Words> parties() {
    return parties;
  }

  /**
   * The advice to show with a finding, in one language: each party's entry that applies (an entry
   * with {@code match} applies when one of its strings is in the finding's subject, arguments or
   * evidence) and the notices attached to the ID. The generic {@code *} entry only when the catalog has no fix and nothing
   * specific applies.
   *
   * @param catalogFix whether the finding catalog already gives this finding a fix
   */
  public List<Advice> advise(Finding f, boolean catalogFix, Lang lang) {
    List<Advice> out = new ArrayList<>();
    String haystack = haystack(f);
    Entry generic = null;
    for (Entry e : entries(f.id())) {
      if (e.party().equals(ANY)) {
        generic = e;
      } else if (e.match().isEmpty() || e.match().stream().anyMatch(m -> haystack.contains(m.toLowerCase(Locale.ROOT)))) {
        out.add(advice(e.party(), parties.get(e.party()), e.fix(), e.stepsEn(), e.stepsKo(), e.links(), f.subject(), lang));
      }
    }
    if (out.isEmpty() && generic != null && !catalogFix) {
      out.add(advice(ANY, parties.get(ANY), generic.fix(), generic.stepsEn(), generic.stepsKo(), generic.links(), f.subject(), lang));
    }
    for (Notice n : notices.values()) {
      if (n.findings().contains(f.id())) {
        out.add(new Advice(n.id(), parties.getOrDefault(n.id(), new Words(n.id(), n.id())).in(lang), n.text().in(lang), List.of(), List.of()));
      }
    }
    return out;
  }

  private static String haystack(Finding f) {
    StringBuilder s = new StringBuilder(f.subject()).append('\n');
    Messages en = Messages.of(Lang.EN);
    f.args().forEach(a -> s.append(a instanceof Text t ? t.in(en) : String.valueOf(a)).append('\n'));
    f.evidence().forEach(t -> s.append(t.in(en)).append('\n'));
    return s.toString().toLowerCase(Locale.ROOT);
  }

  private static Advice advice(String party, Words name, Words fix, List<String> en, List<String> ko, List<String> links, String subject,
      Lang lang) {
    Playbook playbook = Playbook.bundled();
    List<String> steps = (lang == Lang.KO ? ko : en).stream().map(s -> Messages.fill(s, subject)).toList();
    List<Link> resolved = links.stream().map(k -> playbook.link(k, lang)).toList();
    return new Advice(party, name.in(lang), fix == null ? null : Messages.fill(fix.in(lang), subject), steps, resolved);
  }
}
