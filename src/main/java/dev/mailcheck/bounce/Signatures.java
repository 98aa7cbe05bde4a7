package dev.mailcheck.bounce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bounce signatures of {@code bounce/signatures.json}: who rejected (provider clues), which
 * blocklist is named (zones and names), what the cause is (ordered rules) and which playbook links
 * go with it. Knowledge lives in the data file; this class only reads and checks it.
 */
public final class Signatures {
  /** Where a provider clue is looked for; see the data file's "about". */
  public enum Kind { TAG, HOST, URL, CODE, NAME, RECIPIENT }

  /** A sign of who rejected, with its weight. */
  public record Clue(String provider, Kind kind, String pattern, Pattern regex, int weight, String source, String verified) {}

  /** A blocklist: its DNS zones (suffixes of hosts named), its names, and how it is written for people. */
  public record BlockList(String id, List<String> zones, List<Pattern> names, String displayName, String source, String verified) {}

  /** One cause rule: every present condition must hold; each condition is any-of. */
  public record Rule(String id, String provider, boolean needsList, List<String> smtp, List<String> enhanced,
      List<Pattern> tags, List<Pattern> terms, String category, String source, String verified) {}

  /** Links for a cause, a provider, a list, or a combination (null fields match anything). */
  public record Advice(String category, String provider, String list, List<String> links) {}

  private static final String RESOURCE = "/dev/mailcheck/bounce/signatures.json";
  private static volatile Signatures bundled;

  private final Map<String, List<Clue>> providers;
  private final List<BlockList> lists;
  private final List<Rule> rules;
  private final List<Advice> advice;
  private final List<String> originalMessageMarkers;

  private Signatures(Map<String, List<Clue>> providers, List<BlockList> lists, List<Rule> rules, List<Advice> advice,
      List<String> markers) {
    this.providers = providers;
    this.lists = lists;
    this.rules = rules;
    this.advice = advice;
    this.originalMessageMarkers = markers;
  }

  /** The bundled signatures, read once. */
  public static Signatures bundled() {
    Signatures s = bundled;
    if (s == null) {
      synchronized (Signatures.class) {
        if (bundled == null) {
          try (InputStream in = Signatures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            bundled = parse(new ObjectMapper().readTree(in));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        s = bundled;
      }
    }
    return s;
  }

  /** Reads signatures from their JSON form; a broken entry fails with its name. */
  static Signatures parse(JsonNode root) {
    Map<String, List<Clue>> providers = new LinkedHashMap<>();
    root.path("providers").properties().forEach(e -> {
      List<Clue> clues = new ArrayList<>();
      for (JsonNode c : e.getValue()) {
        Kind kind = Kind.valueOf(c.path("kind").asText().toUpperCase(Locale.ROOT));
        String pattern = required(c, "pattern", e.getKey());
        Pattern regex = switch (kind) {
          case TAG -> compile(pattern, 0, e.getKey());
          case NAME -> compile("(?<![\\w.])(?:" + pattern + ")(?![\\w])", Pattern.UNICODE_CHARACTER_CLASS, e.getKey());
          default -> null;
        };
        clues.add(new Clue(e.getKey(), kind, pattern.toLowerCase(Locale.ROOT), regex, c.path("weight").asInt(1),
            required(c, "source", e.getKey()), verified(c, e.getKey())));
      }
      providers.put(e.getKey(), List.copyOf(clues));
    });
    List<BlockList> lists = new ArrayList<>();
    root.path("lists").properties().forEach(e -> {
      JsonNode l = e.getValue();
      List<String> zones = new ArrayList<>();
      l.path("zones").forEach(z -> zones.add(z.asText().toLowerCase(Locale.ROOT)));
      List<Pattern> names = new ArrayList<>();
      l.path("names").forEach(n -> names.add(compile("(?:" + n.asText() + ")", Pattern.CASE_INSENSITIVE, e.getKey())));
      lists.add(new BlockList(e.getKey(), List.copyOf(zones), List.copyOf(names), required(l, "nameFor", e.getKey()),
          required(l, "source", e.getKey()), verified(l, e.getKey())));
    });
    List<Rule> rules = new ArrayList<>();
    for (JsonNode r : root.path("rules")) {
      String id = required(r, "id", "rule");
      rules.add(new Rule(id, r.path("provider").asText(null), r.path("list").asBoolean(false), strings(r.path("smtp")),
          strings(r.path("enhanced")), patterns(r.path("tags"), 0, id),
          patterns(r.path("terms"), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE, id), required(r, "category", id),
          required(r, "source", id), verified(r, id)));
    }
    List<Advice> advice = new ArrayList<>();
    for (JsonNode a : root.path("advice")) {
      advice.add(new Advice(a.path("category").asText(null), a.path("provider").asText(null), a.path("list").asText(null),
          strings(a.path("links"))));
    }
    // Insertion order is the data file's: ties between receivers are broken the same way on every run.
    return new Signatures(java.util.Collections.unmodifiableMap(providers), List.copyOf(lists), List.copyOf(rules),
        List.copyOf(advice), strings(root.path("originalMessageMarkers")));
  }

  private static String required(JsonNode n, String field, String where) {
    String v = n.path(field).asText(null);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("bounce signatures: " + where + " has no " + field);
    }
    return v;
  }

  /** A verification date, or null when the entry says (in "note") why it could not be verified. */
  private static String verified(JsonNode n, String where) {
    String v = n.path("verified").asText(null);
    if (v == null && n.path("note").asText("").isBlank()) {
      throw new IllegalStateException("bounce signatures: " + where + " has neither a verified date nor a note");
    }
    if (v != null && !v.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalStateException("bounce signatures: " + where + " has a verified value that is not a date: " + v);
    }
    return v;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  private static List<Pattern> patterns(JsonNode array, int flags, String where) {
    List<Pattern> out = new ArrayList<>();
    array.forEach(v -> out.add(compile(v.asText(), flags, where)));
    return List.copyOf(out);
  }

  private static Pattern compile(String regex, int flags, String where) {
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("bounce signatures: " + where + " has a bad pattern: " + e.getMessage(), e);
    }
  }

  public Map<String, List<Clue>> providers() {
    return providers;
  }

  public List<BlockList> lists() {
    return lists;
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<Advice> advice() {
    return advice;
  }

  public List<String> originalMessageMarkers() {
    return originalMessageMarkers;
  }

  /** The list with this id, or null. */
  public BlockList list(String id) {
    return lists.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * True when an enhanced code matches a pattern: {@code 5.7.25}; {@code x.7.25} (x = class 4 or 5);
   * {@code 5.7.x} (any number there); {@code 5.7.606-649} (a range in that place).
   */
  static boolean codeMatches(String pattern, String code) {
    if (code == null) {
      return false;
    }
    String[] p = pattern.split("\\.");
    String[] c = code.split("\\.");
    if (p.length != c.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("x")) {
        continue;
      }
      int dash = p[i].indexOf('-');
      if (dash > 0) {
        int v = Integer.parseInt(c[i]);
        if (v < Integer.parseInt(p[i].substring(0, dash)) || v > Integer.parseInt(p[i].substring(dash + 1))) {
          return false;
        }
      } else if (!p[i].equals(c[i])) {
        return false;
      }
    }
    return true;
  }

  /** True when a reply code matches {@code 550} or {@code 4xx}. */
  static boolean replyMatches(String pattern, String code) {
    if (code == null || pattern.length() != code.length()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      if (p != 'x' && p != code.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code host} is {@code suffix} or a name under it (DNS names, case-insensitive). */
  static boolean under(String host, String suffix) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals(suffix) || h.endsWith("." + suffix);
  }
}
