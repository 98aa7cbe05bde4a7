package dev.mailcheck.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.check.Check;
import dev.mailcheck.check.Checks;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.FindingView;
import dev.mailcheck.report.Link;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finding catalog: for every finding ID, the severities it may take, its message keys (and
 * those of its variants), whether it has a fix, and the playbook links it shows. One resource file
 * per check (named by {@link Check#catalog()}) plus {@value #RUN} for the IDs any check may report
 * ({@code dns.*}, {@code check.incomplete}). Each file also names the message bundle that holds its
 * texts and the link files its links come from, so {@link Messages} and {@link Playbook} read the
 * registry instead of keeping lists of their own.
 *
 * <p>Message keys follow one rule: {@code <id>.summary} and {@code <id>.fix}, or
 * {@code <id>.<variant>.summary} and {@code <id>.<variant>.fix} for a variant.
 */
public final class Catalog {
  /** The catalog of the IDs that belong to no single check. */
  public static final String RUN = "/dev/mailcheck/catalog/run.json";

  /** One way an ID is worded: its severities, whether it has a fix, and when it is reported. */
  /**
   * How one ID or variant is worded.
   *
   * @param links the variant's own links, replacing the ID's (a PTR fix that already names the
   *     holder's own page must not also show KT's), or null to show the ID's
   */
  public record Wording(Set<Severity> severities, boolean fix, String when, List<String> links) {}

  /**
   * One finding ID.
   *
   * @param check the check that reports it, or null for IDs any check may report
   * @param plain whether the ID is reported with its own wording (false when only its variants are)
   * @param links keys of {@code playbook/links*.json} entries, shown with the finding
   */
  public record Entry(String id, String check, Wording wording, boolean plain, List<String> links,
      Map<String, Wording> variants) {

    /** The wording of a variant (null: the usual one). */
    public Wording wording(String variant) {
      if (variant == null) {
        if (!plain) {
          throw new IllegalArgumentException("finding " + id + " is only reported as one of its variants " + variants.keySet());
        }
        return wording;
      }
      Wording w = variants.get(variant);
      if (w == null) {
        throw new IllegalArgumentException("finding " + id + " has no variant '" + variant + "' in the catalog");
      }
      return w;
    }

    public String summaryKey(String variant) {
      return (variant == null ? id : id + "." + variant) + ".summary";
    }

    public String fixKey(String variant) {
      return (variant == null ? id : id + "." + variant) + ".fix";
    }

    /** Every way this ID may be reported: null for the plain wording, then the variant names. */
    public List<String> forms() {
      List<String> out = new ArrayList<>();
      if (plain) {
        out.add(null);
      }
      out.addAll(variants.keySet());
      return out;
    }
  }

  private static final class Holder {
    static final Catalog BUNDLED = load();
  }

  private final Map<String, Entry> entries;
  private final List<String> bundles;
  private final List<String> linkFiles;
  /** For IDs whose link depends on the case (a blocklist's own delisting page): the argument holding its key. */
  private final Map<String, Integer> linkArgs;

  private Catalog(Map<String, Entry> entries, List<String> bundles, List<String> linkFiles, Map<String, Integer> linkArgs) {
    this.entries = entries;
    this.bundles = bundles;
    this.linkFiles = linkFiles;
    this.linkArgs = linkArgs;
  }

  /** The catalog of the registered checks ({@link Checks#all()}) and of the run, read once. */
  public static Catalog bundled() {
    return Holder.BUNDLED;
  }

  private static Catalog load() {
    ObjectMapper mapper = new ObjectMapper();
    List<String> resources = new ArrayList<>(List.of(RUN));
    for (Check c : Checks.all()) {
      resources.add(c.catalog());
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    Set<String> bundles = new LinkedHashSet<>();
    Set<String> linkFiles = new LinkedHashSet<>();
    Map<String, Integer> linkArgs = new LinkedHashMap<>();
    for (String resource : resources) {
      JsonNode root = read(mapper, resource);
      String check = root.path("check").isTextual() ? root.path("check").asText() : null;
      bundles.add(required(root, "bundle", resource));
      root.path("linkFiles").forEach(n -> linkFiles.add(n.asText()));
      root.path("findings").fields().forEachRemaining(e -> {
        String id = e.getKey();
        if (check != null && !id.startsWith(check + ".")) {
          throw new IllegalStateException(resource + ": " + id + " does not belong to the " + check + " check");
        }
        JsonNode v = e.getValue();
        Map<String, Wording> variants = new LinkedHashMap<>();
        v.path("variants").fields().forEachRemaining(ve -> variants.put(ve.getKey(), wording(ve.getValue(), resource + " " + id)));
        List<String> links = new ArrayList<>();
        v.path("links").forEach(n -> links.add(n.asText()));
        boolean plain = v.path("plain").asBoolean(true);
        if (v.path("linkArg").isInt()) {
          linkArgs.put(id, v.path("linkArg").asInt());
        }
        Entry entry = new Entry(id, check, plain ? wording(v, resource + " " + id) : new Wording(Set.of(), false, v.path("when").asText(""), null),
            plain, List.copyOf(links), Map.copyOf(variants));
        if (entries.putIfAbsent(id, entry) != null) {
          throw new IllegalStateException(resource + ": " + id + " is already in another catalog");
        }
      });
    }
    return new Catalog(java.util.Collections.unmodifiableMap(entries), List.copyOf(bundles), List.copyOf(linkFiles), Map.copyOf(linkArgs));
  }

  private static Wording wording(JsonNode v, String where) {
    JsonNode s = v.path("severity");
    Set<Severity> severities = EnumSet.noneOf(Severity.class);
    if (s.isArray()) {
      s.forEach(n -> severities.add(Severity.of(n.asText())));
    } else if (s.isTextual()) {
      severities.add(Severity.of(s.asText()));
    }
    if (severities.isEmpty()) {
      throw new IllegalStateException(where + ": no severity");
    }
    List<String> links = null;
    if (v.path("variantLinks").isArray()) {
      links = new ArrayList<>();
      for (JsonNode n : v.path("variantLinks")) {
        links.add(n.asText());
      }
      links = List.copyOf(links);
    }
    return new Wording(Set.copyOf(severities), v.path("fix").asBoolean(false), v.path("when").asText(""), links);
  }

  private static String required(JsonNode root, String field, String resource) {
    String v = root.path(field).asText(null);
    if (v == null) {
      throw new IllegalStateException(resource + ": no \"" + field + "\"");
    }
    return v;
  }

  private static JsonNode read(ObjectMapper mapper, String resource) {
    try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry of an ID; fails for an ID the catalog does not have. */
  public Entry entry(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new IllegalArgumentException("finding " + id + " is not in the finding catalog");
    }
    return e;
  }

  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Fails unless the catalog has the kind and allows the severity for it. */
  public void require(FindingKind kind, Severity severity) {
    Wording w = entry(kind.id()).wording(kind.variant());
    if (!w.severities().contains(severity)) {
      throw new IllegalArgumentException("finding " + kind + " may not be " + severity + "; the catalog allows " + w.severities());
    }
  }

  /** Message bundle base names named by the catalogs, in registry order. */
  public List<String> bundles() {
    return bundles;
  }

  /** The argument of an ID that names its case's own link ({@code "linkArg"} in the catalog), or null. */
  public Integer linkArg(String id) {
    return linkArgs.get(id);
  }

  /** Link files ({@code playbook/…}) named by the catalogs. */
  public List<String> linkFiles() {
    return linkFiles;
  }

  /** The finding in one language: summary, fix and links from the catalog, evidence in words, the playbook's advice. */
  public FindingView view(Finding f, Lang lang) {
    Messages m = Messages.of(lang);
    Entry e = entry(f.id());
    Wording w = e.wording(f.variant());
    Object[] args = f.args().stream().map(Catalog::forPeople).toArray();
    String summary = m.require(e.summaryKey(f.variant()), args);
    String fix = w.fix() ? m.require(e.fixKey(f.variant()), args) : null;
    Playbook playbook = Playbook.bundled();
    List<Link> links = new ArrayList<>((w.links() != null ? w.links() : e.links()).stream().map(k -> playbook.link(k, lang)).toList());
    Integer linkArg = linkArgs.get(f.id());
    if (linkArg != null && linkArg < args.length && args[linkArg] instanceof String key && playbook.has(key)) {
      links.add(0, playbook.link(key, lang));
    }
    List<String> evidence = f.evidence().stream().map(t -> t.in(m)).toList();
    boolean worded = f.evidence().stream().anyMatch(t -> !(t instanceof Text.Plain));
    // Receivers' own steps are for what hurts delivery; a pass or a note needs none.
    List<dev.mailcheck.report.Advice> advice = f.severity() != Severity.WARN && f.severity() != Severity.FAIL ? List.of()
        : Procedures.bundled().advise(f, fix != null, lang);
    return new FindingView(f.id(), f.check(), f.severity(), f.subject(), summary, evidence, fix, List.copyOf(links), advice, f.variant(), f.args(),
        worded ? f.evidence() : null);
  }

  /** A host name written with A-labels ({@code xn--3e0b707e.kr}). */
  private static final java.util.regex.Pattern A_LABEL_NAME =
      java.util.regex.Pattern.compile("(?i)([a-z0-9_-]+\\.)*[a-z0-9_-]+\\.?");

  /**
   * An argument as people read it: a host name with A-labels in Unicode (RFC 5890 §2.3.2.1 U-labels,
   * 한국.kr rather than xn--3e0b707e.kr). Evidence keeps the A-labels: it is what DNS holds.
   */
  static Object forPeople(Object arg) {
    if (!(arg instanceof String s) || !s.toLowerCase(java.util.Locale.ROOT).contains("xn--") || !A_LABEL_NAME.matcher(s).matches()) {
      return arg;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (String label : s.split("\\.", -1)) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(label.regionMatches(true, 0, "xn--", 0, 4) ? java.net.IDN.toUnicode(label, java.net.IDN.ALLOW_UNASSIGNED) : label);
    }
    return out.toString();
  }

  /** Evidence lines in one language. */
  public static List<String> evidence(Finding f, Lang lang) {
    Messages m = Messages.of(lang);
    return f.evidence().stream().map((Text t) -> t.in(m)).toList();
  }
}
