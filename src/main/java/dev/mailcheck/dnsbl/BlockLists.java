package dev.mailcheck.dnsbl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.dns.SecretLabels;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * The lists a run queries: the bundled catalog ({@code dnsbl/lists.json}) and the selection from
 * {@code MAILCHECK_DNSBL} (zones or catalog ids, comma-separated, replacing the defaults) and
 * {@code MAILCHECK_SPAMHAUS_DQS_KEY} (Spamhaus through DQS, {@code <key>.zen.dq.spamhaus.net}).
 */
public final class BlockLists {
  private static final String RESOURCE = "/dev/mailcheck/dnsbl/lists.json";
  /** A DQS key is one DNS label of letters and digits. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{8,63}");
  /** The longest zone that still leaves room for an IPv6 question (64 nibble labels are 128 characters). */
  private static final int MAX_ZONE = 180;

  private static final class Holder {
    static final JsonNode ROOT = read();
    static final Map<ListKind, BlockList.TestPoints> TESTS = testPoints(ROOT.path("rfc5782Tests"));
    static final Map<Integer, String> REFUSALS = refusals(ROOT.path("refusals"));
    static final List<BlockList> CATALOG = load(ROOT, TESTS);
  }

  private final List<BlockList> lists;

  private BlockLists(List<BlockList> lists) {
    this.lists = List.copyOf(lists);
  }

  /** Every list of the bundled catalog, default or not. */
  public static List<BlockList> catalog() {
    return Holder.CATALOG;
  }

  /** The catalog's default lists. */
  public static BlockLists defaults() {
    return new BlockLists(catalog().stream().filter(BlockList::byDefault).toList());
  }

  /** Exactly these lists (tests, {@code scan --lists}). */
  public static BlockLists of(List<BlockList> lists) {
    return new BlockLists(lists);
  }

  private static volatile BlockLists environment;

  /**
   * The selection of the process environment, read once; a bad setting fails every time it is asked
   * (the CLI and the bot read their settings up front and report it as one sentence).
   */
  public static BlockLists fromEnvironment() {
    BlockLists e = environment;
    if (e == null) {
      e = fromSettings(System::getenv);
      environment = e;
    }
    return e;
  }

  /** The selection the settings make: {@code MAILCHECK_DNSBL}, then {@code MAILCHECK_SPAMHAUS_DQS_KEY}. */
  public static BlockLists fromSettings(Function<String, String> env) {
    String zones = blankToNull(env.apply("MAILCHECK_DNSBL"));
    BlockLists chosen = zones == null ? defaults() : parse(zones, "MAILCHECK_DNSBL");
    String key = blankToNull(env.apply("MAILCHECK_SPAMHAUS_DQS_KEY"));
    return key == null ? chosen : chosen.withDqsKey(key);
  }

  /**
   * Lists named by zone ({@code zen.spamhaus.org}) or catalog id ({@code spamhaus-zen}); a zone the
   * catalog does not know is queried as an IPv4 list whose every 127/8 answer but the refusals is a listing.
   *
   * @param where the flag or variable it came from, for the error sentence
   */
  public static BlockLists parse(String text, String where) {
    List<BlockList> out = new ArrayList<>();
    for (String part : text.split("[,\\s]+")) {
      String z = part.strip().toLowerCase(Locale.ROOT);
      if (z.isEmpty()) {
        continue;
      }
      if (z.endsWith(".")) {
        z = z.substring(0, z.length() - 1);
      }
      BlockList known = known(z);
      if (known == null) {
        known = unknown(z, where);
      }
      if (!out.contains(known)) {
        out.add(known);
      }
    }
    if (out.isEmpty()) {
      throw new InputException("input.dnsbl-empty", where);
    }
    return new BlockLists(out);
  }

  private static BlockList known(String zoneOrId) {
    for (BlockList l : catalog()) {
      if (l.id().equals(zoneOrId) || DnsNames.display(l.zone()).equals(zoneOrId)) {
        return l;
      }
    }
    return null;
  }

  private static BlockList unknown(String zone, String where) {
    Name name;
    try {
      name = DnsNames.absolute(zone);
    } catch (DnsClient.BadNameException e) {
      throw new InputException("input.dnsbl-zone-bad", where, Echo.of(zone));
    }
    if (name.labels() < 3 || zone.length() > MAX_ZONE || !zone.matches("[a-z0-9._-]+")) {
      throw new InputException("input.dnsbl-zone-bad", where, Echo.of(zone));
    }
    Map<ListKind, BlockList.TestPoints> tests = new EnumMap<>(ListKind.class);
    tests.put(ListKind.IPV4, Holder.TESTS.get(ListKind.IPV4));
    return new BlockList(zone, zone, name, zone, Set.of(ListKind.IPV4), false, Access.NO_REGISTRATION, null,
        List.of(new ReturnCode(address("127.0.0.2"), address("127.255.255.255"), "undocumented", Severity.FAIL)),
        Holder.REFUSALS, tests, null, "MAILCHECK_DNSBL", null);
  }

  /** Spamhaus through DQS: the key goes into the zone and is hidden everywhere it would show. */
  public BlockLists withDqsKey(String key) {
    if (!KEY.matcher(key).matches()) {
      // Never echo the key: a wrong one may still be a real secret with a typo.
      throw new InputException("input.dqs-key-bad");
    }
    SecretLabels.register(key);
    return new BlockLists(lists.stream().map(l -> l.withDqsKey(key)).toList());
  }

  /**
   * What working copies of the catalog's lists publish at their RFC 5782 §5 "listed" test points,
   * in master-file form (one A record each, the list's first code): for offline worlds, the demo's
   * and the tests', whose lists must pass their health probes like the real ones do.
   */
  public static String testPointRecords() {
    StringBuilder out = new StringBuilder();
    for (BlockList l : catalog()) {
      for (ListKind k : l.kinds()) {
        int code = l.codes().get(0).from();
        out.append(ListHealth.name(l, k, l.tests().get(k).listed())).append(" A ")
            .append((code >>> 24) & 0xff).append('.').append((code >>> 16) & 0xff).append('.')
            .append((code >>> 8) & 0xff).append('.').append(code & 0xff).append('\n');
      }
    }
    return out.toString();
  }

  public List<BlockList> lists() {
    return lists;
  }

  /** The lists of one kind (IPv4, IPv6 or domain). */
  public List<BlockList> supporting(ListKind kind) {
    return lists.stream().filter(l -> l.supports(kind)).toList();
  }

  /** Only the lists with these zones or ids, in the order of the selection ({@code scan --lists}). */
  public static BlockLists named(List<String> zonesOrIds) {
    return parse(String.join(",", zonesOrIds), "--lists");
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static JsonNode read() {
    try (InputStream in = BlockLists.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<BlockList> load(JsonNode root, Map<ListKind, BlockList.TestPoints> standard) {
    List<BlockList> out = new ArrayList<>();
    for (JsonNode l : root.path("lists")) {
      out.add(list(l, standard));
    }
    return List.copyOf(out);
  }

  private static BlockList list(JsonNode l, Map<ListKind, BlockList.TestPoints> standard) {
    String id = text(l, "id");
    Set<ListKind> kinds = EnumSet.noneOf(ListKind.class);
    l.path("kinds").forEach(k -> kinds.add(ListKind.of(k.asText())));
    List<ReturnCode> codes = new ArrayList<>();
    for (JsonNode c : l.path("codes")) {
      codes.add(new ReturnCode(address(text(c, "from")), address(text(c, "to")), text(c, "meaning"), Severity.of(text(c, "severity"))));
    }
    // Every list's refusals, then its own on top (Spamhaus says more about why it refused).
    Map<Integer, String> refusals = new LinkedHashMap<>(Holder.REFUSALS);
    refusals.putAll(refusals(l.path("refusals")));
    Map<ListKind, BlockList.TestPoints> tests = new EnumMap<>(ListKind.class);
    for (ListKind k : kinds) {
      BlockList.TestPoints base = standard.get(k);
      JsonNode own = l.path("tests");
      tests.put(k, new BlockList.TestPoints(own.path("listed").asText(base.listed()), own.path("clean").asText(base.clean())));
    }
    String zone = text(l, "zone");
    return new BlockList(id, text(l, "name"), DnsNames.absolute(zone), zone, kinds, l.path("default").asBoolean(false),
        Access.of(text(l, "access")), text(l, "delist"), codes, refusals, tests, l.path("dqs").asText(null), text(l, "source"),
        text(l, "verified"));
  }

  private static Map<Integer, String> refusals(JsonNode n) {
    Map<Integer, String> out = new LinkedHashMap<>();
    if (n != null) {
      n.fields().forEachRemaining(e -> out.put(address(e.getKey()), e.getValue().asText()));
    }
    return out;
  }

  private static Map<ListKind, BlockList.TestPoints> testPoints(JsonNode n) {
    Map<ListKind, BlockList.TestPoints> out = new EnumMap<>(ListKind.class);
    n.fields().forEachRemaining(e -> out.put(ListKind.of(e.getKey()),
        new BlockList.TestPoints(e.getValue().path("listed").asText(), e.getValue().path("clean").asText())));
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (!v.isTextual()) {
      throw new IllegalStateException(RESOURCE + ": no \"" + field + "\" in " + n);
    }
    return v.asText();
  }

  /** An IPv4 address as a 32-bit number. */
  static int address(String dotted) {
    try {
      byte[] b = InetAddress.getByName(dotted).getAddress();
      if (b.length != 4 || !dotted.matches("[0-9.]+")) {
        throw new IllegalStateException(RESOURCE + ": not an IPv4 address: " + dotted);
      }
      return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(RESOURCE + ": not an IPv4 address: " + dotted, e);
    }
  }
}
