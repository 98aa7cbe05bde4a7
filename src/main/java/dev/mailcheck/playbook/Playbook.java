package dev.mailcheck.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.report.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of the playbook ({@code playbook/links.json}, the files it includes, and the link files
 * the registered checks' catalogs name): every portal, guide and RFC the fixes point to, each with
 * its title in both languages, its source and the date it was last verified. Which finding shows
 * which link is said by the finding catalog ({@link Catalog}). A URL changes in the data file,
 * never in code.
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

  private Playbook(Map<String, Entry> links) {
    this.links = links;
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
    Map<String, JsonNode> parts = new java.util.LinkedHashMap<>();
    parts.put("links.json", main);
    // Each area may keep its links in a file of its own: named in "include", or by a check's catalog.
    java.util.Set<String> files = new java.util.LinkedHashSet<>();
    main.path("include").forEach(name -> files.add(name.asText()));
    files.addAll(Catalog.bundled().linkFiles());
    files.forEach(name -> parts.put(name, read(mapper, "/dev/mailcheck/playbook/" + name)));
    Map<String, Entry> links = new HashMap<>();
    Map<String, String> fileOf = new HashMap<>();
    parts.forEach((file, root) -> {
      if (root.path("findings").size() > 0) {
        throw new IllegalStateException("playbook: which finding shows which link belongs in the finding catalog (dev/mailcheck/catalog)");
      }
      root.path("links").fields().forEachRemaining(e -> {
        // One entry per key: two files with the same key would silently let one hide the other.
        String earlier = fileOf.putIfAbsent(e.getKey(), file);
        if (earlier != null) {
          throw new IllegalStateException("playbook: link " + e.getKey() + " is in both " + earlier + " and " + file);
        }
        JsonNode v = e.getValue();
        links.put(e.getKey(), new Entry(e.getKey(), v.path("url").asText(), v.path("title").path("en").asText(),
            v.path("title").path("ko").asText(null), v.path("source").asText(null), v.path("verified").asText(null)));
      });
    });
    return new Playbook(Map.copyOf(links));
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

  /** A link in one language; fails for a key no link file has. */
  public Link link(String key, Lang lang) {
    Entry e = links.get(key);
    if (e == null) {
      throw new IllegalArgumentException("playbook: no link " + key);
    }
    return e.toLink(lang);
  }

  /** True when a link file has the key. */
  public boolean has(String key) {
    return links.containsKey(key);
  }

  /** Every link, for {@code mailcheck links --verify}. */
  public List<Entry> entries() {
    return List.copyOf(links.values());
  }
}
