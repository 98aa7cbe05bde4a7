package dev.mailcheck.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an RDAP "ip network" answer (RFC 9083 §5.4) into an {@link RdapNetwork}.
 *
 * <p>The holder is the first of: the {@code fn} (or {@code org}) of the entity with the role
 * {@code registrant} (RFC 9083 §10.2.4; ARIN, RIPE and LACNIC name the holding organisation so); the
 * first line of the remark titled {@code description} (APNIC and the national registries it mirrors
 * carry the holder in the {@code descr} lines of their records, and list only "IP Manager"-style
 * persons as entities); the organisation of the entity with the role {@code administrative}, when
 * its vCard is an organisation ({@code kind: org}) or carries {@code org}; else the network's name.
 */
public final class RdapParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Markers of an object the APNIC database mirrors from KRNIC (the Korean national registry). */
  private static final Pattern KRNIC = Pattern.compile("KRNIC|whois\\.(kisa|nic)\\.or\\.kr", Pattern.CASE_INSENSITIVE);

  private RdapParser() {}

  /** Thrown for an answer that is not an RDAP IP network covering the address asked about. */
  public static final class NotRdapException extends Exception {
    private static final long serialVersionUID = 1L;

    NotRdapException(String message) {
      super(message);
    }
  }

  public static RdapNetwork parse(URI url, String body, InetAddress asked) throws NotRdapException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new NotRdapException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new NotRdapException("not a JSON object");
    }
    String objectClass = root.path("objectClassName").asText("");
    if (!objectClass.equals("ip network")) {
      throw new NotRdapException(objectClass.isEmpty() ? "no objectClassName" : "objectClassName is '" + objectClass + "'");
    }
    InetAddress start = address(root, "startAddress");
    InetAddress end = address(root, "endAddress");
    String name = text(root.path("name"));
    String handle = text(root.path("handle"));
    String country = text(root.path("country"));
    String type = text(root.path("type"));

    String holder = null;
    String from = null;
    String registrant = organisation(root, "registrant", false);
    if (registrant != null) {
      holder = registrant;
      from = "registrant";
    }
    if (holder == null) {
      String descr = description(root);
      if (descr != null) {
        holder = descr;
        from = "description";
      }
    }
    if (holder == null) {
      String admin = organisation(root, "administrative", true);
      if (admin != null) {
        holder = admin;
        from = "administrative";
      }
    }
    if (holder == null) {
      holder = name != null ? name : handle != null ? handle : start.getHostAddress();
      from = "name";
    }
    Long asn = null;
    JsonNode origins = root.path("arin_originas0_originautnums");
    if (origins.isArray() && !origins.isEmpty() && origins.get(0).canConvertToLong()) {
      asn = origins.get(0).asLong();
    }
    String national = KRNIC.matcher(allRemarks(root) + " " + String.join(" ", handles(root))).find()
        || endsWithKr(handles(root)) ? "KRNIC" : null;
    RdapNetwork n = new RdapNetwork(url, handle, name, start, end, country == null ? null : country.toUpperCase(Locale.ROOT),
        holder, from, asn, national, type);
    if (!n.contains(asked)) {
      throw new NotRdapException("the network " + n.range() + " does not contain " + asked.getHostAddress());
    }
    return n;
  }

  private static InetAddress address(JsonNode root, String field) throws NotRdapException {
    String v = text(root.path(field));
    if (v == null || !(v.contains(":") || v.matches("[0-9.]+"))) {
      throw new NotRdapException("no " + field);
    }
    try {
      return InetAddress.getByName(v);
    } catch (UnknownHostException e) {
      throw new NotRdapException(field + " '" + v + "' is not an address");
    }
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
  }

  /** The organisation of the first entity (at any depth) with the role: its vCard org, or fn. */
  private static String organisation(JsonNode root, String role, boolean onlyOrganisations) {
    for (JsonNode e : entities(root)) {
      boolean has = false;
      for (JsonNode r : e.path("roles")) {
        has |= r.asText().equalsIgnoreCase(role);
      }
      if (!has) {
        continue;
      }
      String org = vcard(e, "org");
      String fn = vcard(e, "fn");
      String kind = vcard(e, "kind");
      if (org != null) {
        return org;
      }
      if (fn != null && (!onlyOrganisations || "org".equalsIgnoreCase(kind))) {
        return fn;
      }
    }
    return null;
  }

  private static List<JsonNode> entities(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : node.path("entities")) {
      out.add(e);
      out.addAll(entities(e));
    }
    return out;
  }

  private static List<String> handles(JsonNode root) {
    List<String> out = new ArrayList<>();
    if (root.path("handle").isTextual()) {
      out.add(root.path("handle").asText());
    }
    if (root.path("name").isTextual()) {
      out.add(root.path("name").asText());
    }
    entities(root).forEach(e -> {
      if (e.path("handle").isTextual()) {
        out.add(e.path("handle").asText());
      }
    });
    return out;
  }

  private static boolean endsWithKr(List<String> handles) {
    // KRNIC's own objects (mirrored by APNIC) carry handles such as IM12-KR or GABIA-KR.
    return handles.stream().anyMatch(h -> h.toUpperCase(Locale.ROOT).endsWith("-KR"));
  }

  /** A jCard property's value (RFC 7095: ["vcard", [[name, params, type, value], ...]]). */
  private static String vcard(JsonNode entity, String property) {
    JsonNode props = entity.path("vcardArray").path(1);
    for (JsonNode p : props) {
      if (p.path(0).asText().equalsIgnoreCase(property)) {
        JsonNode v = p.path(3);
        if (v.isArray()) {
          v = v.path(0);
        }
        String s = text(v);
        if (s != null) {
          return s;
        }
      }
    }
    return null;
  }

  private static String description(JsonNode root) {
    for (JsonNode r : root.path("remarks")) {
      if (r.path("title").asText("").equalsIgnoreCase("description")) {
        for (JsonNode line : r.path("description")) {
          String s = text(line);
          if (s != null) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private static String allRemarks(JsonNode root) {
    StringBuilder out = new StringBuilder();
    for (JsonNode r : root.path("remarks")) {
      r.path("description").forEach(l -> out.append(l.asText()).append(' '));
    }
    if (root.path("port43").isTextual()) {
      out.append(root.path("port43").asText());
    }
    return out.toString();
  }
}
