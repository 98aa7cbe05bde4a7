package dev.mailcheck.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The RFC 7208 test suite published with pyspf (Debian's python3-spf ships it), read at test time and
 * run through {@link SpfEvaluator} over real DNS: each scenario's zone data is served by a
 * {@link LoopbackDnsServer}. Driver conventions of the suite: SPF entries are also served as TXT
 * unless the name has TXT entries of its own; {@code TXT: NONE} means no TXT; {@code TIMEOUT} makes
 * questions time out for every type the name has no records of; names whose first label is
 * {@code error} time out. Tests this engine cannot pass are listed in docs/SPF.md and in {@link #SKIPPED}.
 */
class Rfc7208ConformanceTest {
  static final Path SUITE = Path.of("/usr/share/doc/python3-spf/rfc7208-tests.yml.gz");

  /** Test name → why it is skipped (also in docs/SPF.md). Empty: every test runs. */
  static final Map<String, String> SKIPPED = Map.of();

  private static final List<LoopbackDnsServer> SERVERS = new CopyOnWriteArrayList<>();
  private static final int[] TYPES = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.PTR, Type.SPF, Type.CNAME, Type.NS, Type.SOA};

  @AfterAll
  static void stopServers() {
    SERVERS.forEach(LoopbackDnsServer::close);
  }

  @TestFactory
  Stream<DynamicNode> suite() throws IOException {
    assertTrue(Files.isReadable(SUITE), SUITE + " is missing: install Debian's python3-spf (.ci/run does)");
    List<DynamicNode> scenarios = new ArrayList<>();
    int total = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SUITE))) {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(10 * 1024 * 1024);
      for (Object doc : new Yaml(options).loadAll(in)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> scenario = (Map<String, Object>) doc;
        String title = String.valueOf(scenario.get("description"));
        DnsWorld world = world(zone(scenario));
        LoopbackDnsServer server = LoopbackDnsServer.start(world);
        SERVERS.add(server);
        ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), Duration.ofMillis(250), 1, new QueryTrace());
        SpfEvaluator engine = new SpfEvaluator(dns, true, Duration.ofSeconds(5));
        SpfEvaluator sequential = new SpfEvaluator(dns, false, Duration.ofSeconds(5));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tests = (Map<String, Map<String, Object>>) scenario.get("tests");
        List<DynamicTest> cases = new ArrayList<>();
        tests.forEach((name, t) -> cases.add(DynamicTest.dynamicTest(name + " (§" + t.get("spec") + ")", () -> run(engine, sequential, name, t))));
        total += cases.size();
        scenarios.add(DynamicContainer.dynamicContainer(title, cases));
      }
    }
    assertEquals(203, total, "the suite's test count changed");
    return scenarios.stream();
  }

  /** Runs one test with prefetching, and again without: the result and the counts must not depend on it. */
  private static void run(SpfEvaluator engine, SpfEvaluator sequential, String name, Map<String, Object> t) throws Exception {
    if (SKIPPED.containsKey(name)) {
      Assumptions.abort("skipped: " + SKIPPED.get(name));
    }
    InetAddress ip = InetAddress.getByName(String.valueOf(t.get("host")));
    SpfRequest request = new SpfRequest(ip, str(t.get("mailfrom")), str(t.get("helo")));
    SpfOutcome outcome = engine.checkHost(request).get(10, TimeUnit.SECONDS);
    SpfOutcome plain = sequential.checkHost(request).get(10, TimeUnit.SECONDS);
    assertEquals(plain.result(), outcome.result(), name + ": prefetching changed the result");
    assertEquals(plain.dnsLookups(), outcome.dnsLookups(), name + ": prefetching changed the lookup count");
    assertEquals(plain.voidLookups(), outcome.voidLookups(), name + ": prefetching changed the void count");
    Object expected = t.get("result");
    List<String> allowed = expected instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(expected));
    assertTrue(allowed.contains(outcome.result().id()),
        name + ": expected " + allowed + " but got " + outcome.result().id() + " (" + outcome.reason() + ", mechanism " + outcome.mechanism() + ")");
    if (t.containsKey("explanation") && outcome.result() == SpfResult.FAIL) {
      String exp = String.valueOf(t.get("explanation"));
      if (exp.equals("DEFAULT")) {
        assertEquals(null, outcome.explanation(), name + ": no exp= explanation expected");
      } else {
        assertNotNull(outcome.explanation(), name + ": explanation expected");
        assertEquals(exp, outcome.explanation(), name);
      }
    }
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  static Map<String, List<Object>> zone(Map<String, Object> scenario) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    Object z = scenario.get("zonedata");
    if (z instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? List.of() : (List<Object>) v));
    }
    return out;
  }

  /** Builds the scenario's world, following the suite's driver conventions (see the class comment). */
  static DnsWorld world(Map<String, List<Object>> zone) {
    DnsWorld world = new DnsWorld();
    for (Map.Entry<String, List<Object>> e : zone.entrySet()) {
      Name name = SpfNames.forQuery(e.getKey());
      assertNotNull(name, "zone name " + e.getKey());
      boolean ownTxt = false;
      boolean timeout = false;
      for (Object entry : e.getValue()) {
        if (entry instanceof Map<?, ?> m && m.containsKey("TXT")) {
          ownTxt = true;
        }
        if ("TIMEOUT".equals(entry)) {
          timeout = true;
        }
      }
      Set<Integer> present = new java.util.HashSet<>();
      for (Object entry : e.getValue()) {
        if (!(entry instanceof Map<?, ?> m)) {
          continue;
        }
        for (Map.Entry<?, ?> rr : m.entrySet()) {
          String type = String.valueOf(rr.getKey()).toUpperCase(Locale.ROOT);
          Object value = rr.getValue();
          if ("NONE".equals(value)) {
            continue;
          }
          switch (type) {
            case "SPF" -> {
              if (!ownTxt) {
                world.add(txt(name, value));
                present.add(Type.TXT);
              }
            }
            case "TXT" -> {
              world.add(txt(name, value));
              present.add(Type.TXT);
            }
            default -> {
              world.add(record(name, type, value));
              present.add(Type.value(type));
            }
          }
        }
      }
      if (timeout) {
        for (int type : TYPES) {
          if (!present.contains(type) && !present.contains(Type.CNAME)) {
            world.fault(e.getKey().endsWith(".") ? e.getKey() : e.getKey() + ".", type, Fault.TIMEOUT);
          }
        }
      }
    }
    world.fault(n -> n.labels() > 1 && n.getLabelString(0).equalsIgnoreCase("error"), Fault.TIMEOUT);
    return world;
  }

  /** A TXT record from one string or a list of strings, bytes taken as they are (ISO-8859-1). */
  private static Record txt(Name name, Object value) {
    List<String> strings = value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    java.io.ByteArrayOutputStream rdata = new java.io.ByteArrayOutputStream();
    for (String s : strings) {
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      for (int off = 0; off < b.length || (off == 0 && b.length == 0); off += 255) {
        int len = Math.min(255, b.length - off);
        rdata.write(len);
        rdata.write(b, off, len);
        if (b.length == 0) {
          break;
        }
      }
    }
    return Record.newRecord(name, Type.TXT, DClass.IN, 300, rdata.toByteArray());
  }

  private static Record record(Name name, String type, Object value) {
    try {
      return switch (type) {
        case "A" -> new ARecord(name, DClass.IN, 300, InetAddress.getByName(String.valueOf(value)));
        case "AAAA" -> new AAAARecord(name, DClass.IN, 300, InetAddress.getByName(String.valueOf(value)));
        case "MX" -> {
          List<?> mx = (List<?>) value;
          String host = String.valueOf(mx.get(1));
          Name target = host.isEmpty() ? Name.root : SpfNames.forQuery(host);
          yield new MXRecord(name, DClass.IN, 300, ((Number) mx.get(0)).intValue(), target);
        }
        case "PTR" -> new PTRRecord(name, DClass.IN, 300, SpfNames.forQuery(String.valueOf(value)));
        case "CNAME" -> new CNAMERecord(name, DClass.IN, 300, SpfNames.forQuery(String.valueOf(value)));
        default -> throw new IllegalArgumentException("record type " + type + " in the suite");
      };
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
