package dev.mailcheck.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PTR routes of {@code owner/routes.json}: who sets the PTR of an address, and how, by holder.
 * A holder is matched in three passes, so that a more precise fact wins over a looser one:
 * <ol>
 *   <li>by name: a route's {@code holders} word in the holder or the network name (an ISP's own
 *       network, or its aggregate);</li>
 *   <li>a network a national registry (KRNIC) allocated to a holder no ISP route named: the
 *       second-level allocation of a hosting company or IDC, which sets the PTR itself even though
 *       the ISP above it announces the route;</li>
 *   <li>by origin AS: a route's {@code asns};</li>
 * </ol>
 * and else the fallback route ("ask the holder named"). Routes change in the data file, never in code.
 */
public final class PtrRoutes {
  private static final String RESOURCE = "/dev/mailcheck/owner/routes.json";

  private static final class Holder {
    static final PtrRoutes BUNDLED = load();
  }

  private final List<PtrRoute> routes;
  private final PtrRoute fallback;

  private PtrRoutes(List<PtrRoute> routes, PtrRoute fallback) {
    this.routes = List.copyOf(routes);
    this.fallback = fallback;
  }

  public static PtrRoutes bundled() {
    return Holder.BUNDLED;
  }

  /** Every route, the fallback last. */
  public List<PtrRoute> all() {
    List<PtrRoute> out = new ArrayList<>(routes);
    out.add(fallback);
    return out;
  }

  /**
   * The route for a network's holder.
   *
   * @param asn the origin AS, or null when unknown
   */
  public PtrRoute routeFor(RdapNetwork network, Long asn) {
    String words = (network.holder() + " " + (network.name() == null ? "" : network.name())).toLowerCase(Locale.ROOT);
    for (PtrRoute r : routes) {
      if (r.holders().stream().anyMatch(words::contains)) {
        return r;
      }
    }
    if (network.nationalRegistry() != null) {
      for (PtrRoute r : routes) {
        if (r.nationalSubAllocation()) {
          return r;
        }
      }
    }
    if (asn != null) {
      for (PtrRoute r : routes) {
        if (r.asns().contains(asn)) {
          return r;
        }
      }
    }
    return fallback;
  }

  private static PtrRoutes load() {
    try (InputStream in = PtrRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<PtrRoute> routes = new ArrayList<>();
      root.path("routes").forEach(n -> routes.add(route(n)));
      return new PtrRoutes(routes, route(root.path("fallback")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PtrRoute route(JsonNode n) {
    List<Long> asns = new ArrayList<>();
    n.path("asns").forEach(a -> asns.add(a.asLong()));
    List<String> holders = new ArrayList<>();
    n.path("holders").forEach(h -> holders.add(h.asText().toLowerCase(Locale.ROOT)));
    String id = n.path("id").asText(null);
    String text = n.path("text").asText(null);
    if (id == null || text == null) {
      throw new IllegalStateException(RESOURCE + ": a route without id or text: " + n);
    }
    return new PtrRoute(id, n.path("holder").asText(null), asns, holders, n.path("nationalSubAllocation").asBoolean(false),
        text, n.path("link").asText(null), n.path("source").asText(null), n.path("verified").asText(null),
        n.path("note").asText(null));
  }
}
