package dev.mailcheck.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.cli.Main;
import dev.mailcheck.config.Config;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The pyspf RFC 7208 suite through the command line itself: for each scenario its DNS is served on
 * loopback and every test of it is one line of {@code mailcheck spf --batch}, all in this JVM. This
 * proves what {@link Rfc7208ConformanceTest} proves for the engine also holds for what a user types:
 * the CLI's input rules refuse nothing an SMTP session can present, and change nothing on the way in.
 */
class Rfc7208CliConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(300)
  void allTestsOfTheSuitePassThroughSpfBatch() throws Exception {
    assertTrue(Files.isReadable(Rfc7208ConformanceTest.SUITE), Rfc7208ConformanceTest.SUITE + " is missing: install Debian's python3-spf");
    int total = 0;
    List<String> failures = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Rfc7208ConformanceTest.SUITE))) {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(10 * 1024 * 1024);
      for (Object doc : new Yaml(options).loadAll(in)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> scenario = (Map<String, Object>) doc;
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tests = (Map<String, Map<String, Object>>) scenario.get("tests");
        try (LoopbackDnsServer server = LoopbackDnsServer.start(Rfc7208ConformanceTest.world(Rfc7208ConformanceTest.zone(scenario)))) {
          List<String> names = new ArrayList<>(tests.keySet());
          StringBuilder batch = new StringBuilder();
          for (String name : names) {
            Map<String, Object> t = tests.get(name);
            ObjectNode line = JSON.createObjectNode();
            line.put("ip", String.valueOf(t.get("host")));
            line.put("mailFrom", str(t.get("mailfrom")));
            line.put("helo", str(t.get("helo")));
            batch.append(line).append('\n');
          }
          List<String> out = spfBatch(batch.toString(), server);
          assertEquals(names.size(), out.size(), "one output line per input line: " + out);
          for (int i = 0; i < names.size(); i++) {
            total++;
            String problem = check(tests.get(names.get(i)), JSON.readTree(out.get(i)));
            if (problem != null) {
              failures.add(names.get(i) + ": " + problem);
            }
          }
        }
      }
    }
    assertEquals(203, total, "the suite's test count changed");
    assertEquals(List.of(), failures, (total - failures.size()) + " of " + total + " passed through the CLI");
  }

  private static List<String> spfBatch(String input, LoopbackDnsServer server) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"spf", "--batch", "--timeout", "3s", "--dns", "127.0.0.1:" + server.port()},
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true), new PrintWriter(err, true),
        new Config(Map.of()));
    assertEquals(0, exit, err.toString());
    assertEquals("", err.toString());
    return out.toString().lines().toList();
  }

  /** Null when the line is what the suite expects; else what differs. */
  private static String check(Map<String, Object> t, JsonNode line) {
    if (line.has("error")) {
      return "refused: " + line.get("error").asText();
    }
    Object expected = t.get("result");
    List<String> allowed = expected instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(expected));
    String result = line.get("result").asText();
    if (!allowed.contains(result)) {
      return "expected " + allowed + " but got " + result + " (" + line.get("reason").asText() + ")";
    }
    if (t.containsKey("explanation") && result.equals("fail")) {
      String exp = String.valueOf(t.get("explanation"));
      JsonNode got = line.get("explanation");
      String actual = got == null || got.isNull() ? null : got.asText();
      if (exp.equals("DEFAULT") ? actual != null : !exp.equals(actual)) {
        return "explanation " + actual + ", expected " + exp;
      }
    }
    return null;
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
