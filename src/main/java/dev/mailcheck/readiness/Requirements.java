package dev.mailcheck.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receivers' published sender requirements as data ({@code readiness/requirements.json}): per
 * receiver, each requirement with the finding IDs that show it met or missed and the checks that
 * report them, its level (every sender, or bulk senders only), its source and the date it was checked.
 * IDs of checks this build does not have are allowed: such a requirement is "not checked" until the
 * check lands, and then plugs in by ID.
 */
public final class Requirements {
  private static final String RESOURCE = "/dev/mailcheck/readiness/requirements.json";

  /** Who a requirement applies to. */
  public enum Level { ALL, BULK }

  /**
   * One way to tell a requirement: the checks that report on it, and the IDs that mean met or missed.
   * An entry {@code id@severity} (for example {@code dkim.key-weak@fail}) matches that ID only at that
   * severity, for IDs whose severity carries the meaning (a 1024-bit key meets "at least 1024 bits",
   * a 512-bit one does not). An ID in neither list tells nothing on its own.
   */
  public record Part(String id, Set<String> checks, Set<String> met, Set<String> missed) {
    /** Whether the finding is one of {@code entries} (by ID, or by ID at its severity). */
    public static boolean matches(Set<String> entries, dev.mailcheck.report.Finding f) {
      return entries.contains(f.id()) || entries.contains(f.id() + "@" + f.severity().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * One requirement of one receiver.
   *
   * @param parts alternatives: met when one is met, missed when all are missed (one part for most)
   * @param manual only the sender can see whether it holds (spam rate, unsubscribe headers)
   */
  public record Requirement(String id, Level level, List<Part> parts, boolean manual, String source, String verified) {
    /** The message key of its title. */
    public String titleKey() {
      return "readiness.req." + id;
    }
  }

  private static final class Holder {
    static final Requirements BUNDLED = load();
  }

  private final Map<String, List<Requirement>> byProvider;

  private Requirements(Map<String, List<Requirement>> byProvider) {
    this.byProvider = byProvider;
  }

  public static Requirements bundled() {
    return Holder.BUNDLED;
  }

  private static Requirements load() {
    JsonNode root;
    try (InputStream in = Requirements.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Part> parts = new LinkedHashMap<>();
    root.path("parts").fields().forEachRemaining(e -> parts.put(e.getKey(), new Part(e.getKey(), strings(e.getValue().path("checks")),
        strings(e.getValue().path("met")), strings(e.getValue().path("missed")))));
    Map<String, List<Requirement>> byProvider = new LinkedHashMap<>();
    root.path("providers").fields().forEachRemaining(p -> {
      List<Requirement> reqs = new ArrayList<>();
      p.getValue().forEach(r -> {
        String where = RESOURCE + ": " + p.getKey() + " " + r.path("id").asText();
        List<Part> alternatives = new ArrayList<>();
        if (r.has("part")) {
          alternatives.add(part(parts, r.path("part").asText(), where));
        }
        r.path("any").forEach(n -> alternatives.add(part(parts, n.asText(), where)));
        boolean manual = r.path("manual").asBoolean(false);
        if (alternatives.isEmpty() != manual) {
          throw new IllegalStateException(where + ": a requirement is either manual or told by parts");
        }
        String source = r.path("source").asText(null);
        String verified = r.path("verified").asText(null);
        if (source == null || verified == null) {
          throw new IllegalStateException(where + ": no source or verified date");
        }
        reqs.add(new Requirement(r.path("id").asText(), Level.valueOf(r.path("level").asText("all").toUpperCase(java.util.Locale.ROOT)),
            List.copyOf(alternatives), manual, source, verified));
      });
      byProvider.put(p.getKey(), List.copyOf(reqs));
    });
    return new Requirements(java.util.Collections.unmodifiableMap(byProvider));
  }

  private static Part part(Map<String, Part> parts, String id, String where) {
    Part p = parts.get(id);
    if (p == null) {
      throw new IllegalStateException(where + ": no part " + id);
    }
    return p;
  }

  private static Set<String> strings(JsonNode n) {
    Set<String> out = new java.util.LinkedHashSet<>();
    n.forEach(x -> out.add(x.asText()));
    return java.util.Collections.unmodifiableSet(out);
  }

  /** Every part a requirement names, once each. */
  public Set<Part> parts() {
    Set<Part> all = new java.util.LinkedHashSet<>();
    byProvider.values().forEach(reqs -> reqs.forEach(r -> all.addAll(r.parts())));
    return all;
  }

  /** The receivers, in the data's order ({@code gmail}, {@code yahoo}, {@code outlook}, {@code naver}, {@code daum}). */
  public Set<String> providers() {
    return byProvider.keySet();
  }

  public List<Requirement> of(String provider) {
    List<Requirement> r = byProvider.get(provider);
    if (r == null) {
      throw new IllegalArgumentException("no requirements for " + provider);
    }
    return r;
  }
}
