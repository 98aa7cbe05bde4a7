package dev.mailcheck.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.report.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of the playbook ({@code playbook/links.json}): every portal, guide and RFC the fixes
 * point to, each with its title in both languages, its source and the date it was last verified,
 * and which findings show which links. A URL changes in the data file, never in code.
 */
public final class Playbook {
  /** One link as stored, with its provenance. */
  public record Entry(String key, String url, String titleEn, String titleKo, String source, String verified) {
    public Link toLink(Lang lang) {
      return new Link(lang == Lang.KO && titleKo != null ? titleKo : titleEn, url);
    }
  }

  private static final String RESOURCE = "/dev/mailcheck/playbook/links.json";
  private static volatile Playbook instance;

  private final Map<String, Entry> links;
  private final Map<String, List<String>> byFinding;

  private Playbook(Map<String, Entry> links, Map<String, List<String>> byFinding) {
    this.links = links;
    this.byFinding = byFinding;
  }

  /** The bundled playbook, read once. */
  public static Playbook bundled() {
    Playbook p = instance;
    if (p == null) {
      synchronized (Playbook.class) {
        if (instance == null) {
          instance = load();
        }
        p = instance;
      }
    }
    return p;
  }

  private static Playbook load() {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode main = read(mapper, RESOURCE);
    List<JsonNode> parts = new ArrayList<>(List.of(main));
    // Each area may keep its links in a file of its own, named in "include".
    main.path("include").forEach(name -> parts.add(read(mapper, "/dev/mailcheck/playbook/" + name.asText())));
    Map<String, Entry> links = new HashMap<>();
    Map<String, List<String>> byFinding = new HashMap<>();
    for (JsonNode root : parts) {
      root.path("links").fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        links.put(e.getKey(), new Entry(e.getKey(), v.path("url").asText(), v.path("title").path("en").asText(),
            v.path("title").path("ko").asText(null), v.path("source").asText(null), v.path("verified").asText(null)));
      });
    }
    for (JsonNode root : parts) {
      root.path("findings").fields().forEachRemaining(e -> {
        List<String> keys = new ArrayList<>();
        e.getValue().forEach(k -> {
          if (!links.containsKey(k.asText())) {
            throw new IllegalStateException("playbook: finding " + e.getKey() + " names unknown link " + k.asText());
          }
          keys.add(k.asText());
        });
        byFinding.put(e.getKey(), List.copyOf(keys));
      });
    }
    return new Playbook(Map.copyOf(links), Map.copyOf(byFinding));
  }

  private static JsonNode read(ObjectMapper mapper, String resource) {
    try (InputStream in = Playbook.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The links shown with a finding. */
  public List<Link> linksFor(String findingId, Lang lang) {
    return byFinding.getOrDefault(findingId, List.of()).stream().map(k -> links.get(k).toLink(lang)).toList();
  }

  /** Every link, for {@code mailcheck links --verify}. */
  public List<Entry> entries() {
    return List.copyOf(links.values());
  }
}
