package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mailcheck demo}: offline, on its own loopback DNS server, showing what each sample domain has. */
class DemoCommandTest {

  @Test
  void demoShowsTheExpectedFindingsForEachSampleDomain() throws Exception {
    Cli r = Cli.run("demo", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode reports = new ObjectMapper().readTree(r.out());
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (JsonNode report : reports) {
      // Checks share one cache per run: no question goes on the wire twice, whichever checks need it.
      List<String> questions = new ArrayList<>();
      report.path("dnsQueries").forEach(q -> questions.add(q.path("name").asText() + " " + q.path("type").asText()));
      assertEquals(questions.stream().distinct().count(), questions.size(), "a question asked twice in " + questions);
      List<String> ids = new ArrayList<>();
      report.path("findings").forEach(f -> ids.add(f.path("severity").asText() + " " + f.path("id").asText()));
      found.put(report.path("target").path("name").asText(), ids.stream().sorted().toList());
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("example.com", List.of("pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    expected.put("no-ptr.example.net", List.of("fail ptr.missing", "pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass spf.ok"));
    expected.put("mismatch.example.org", List.of("fail ptr.mismatch", "pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass spf.ok"));
    expected.put("dynamic.example.net", List.of("pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn ptr.generic"));
    expected.put("cname-mx.example.org", List.of("pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn mx.target-cname"));
    expected.put("nullmx.example.com", List.of("fail mx.null", "fail spf.missing", "pass dbl.clean"));
    expected.put("too-many.example.com", List.of("fail spf.include-without-spf", "fail spf.too-many-lookups", "pass dbl.clean", "pass dnsbl.clean",
        "pass mx.ok", "pass ptr.ok"));
    expected.put("two-spf.example.net", List.of("fail spf.multiple", "pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass ptr.ok"));
    // MX and SPF could not be checked, and so the sending IPs could not be found: "could not check" from each
    // check that needs them (MX, SPF, PTR, DNSBL), no "missing" and no "clean"; the domain itself is on no DBL.
    expected.put("slow.example.net", List.of("error dns.timeout", "error dns.timeout", "error dns.timeout", "error dns.timeout", "pass dbl.clean"));
    // Two blocklist hits (each its own finding) and the domain on the DBL.
    expected.put("listed.example.net", List.of("fail dbl.listed", "fail dnsbl.listed", "fail dnsbl.listed", "pass dnsbl.clean", "pass mx.ok",
        "pass ptr.ok", "pass spf.ok"));
    // Spamhaus refused the question: an error, never a listing; the other lists answered.
    expected.put("refused.example.org", List.of("error dnsbl.query-refused", "pass dbl.clean", "pass dnsbl.clean", "pass mx.ok", "pass ptr.ok",
        "pass spf.ok"));
    expected.put("192.0.2.10", List.of("pass dnsbl.clean", "pass ptr.ok"));
    assertEquals(expected, found);
  }

  @Test
  void demoTextExitsZeroAndExplainsEachDomain() {
    Cli r = Cli.run("demo");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("=== A healthy sender."), r.out());
    assertTrue(r.out().contains("FAIL  ptr.missing  198.51.100.20"), r.out());
    assertTrue(r.out().contains("WARN  mx.target-cname  alias.cname-mx.example.org"), r.out());
    assertTrue(r.out().contains("ERROR dns.timeout  slow.example.net. MX"), r.out());
    assertEquals(12, r.out().lines().filter(l -> l.startsWith("Verdict: ")).count(), r.out());
    assertTrue(r.out().contains("203.0.113.66 is listed on Spamhaus ZEN (zen.spamhaus.org): 127.0.0.3 is CSS"), r.out());
    assertTrue(r.out().contains("See: Spamhaus: check an IP or domain and request removal <https://check.spamhaus.org>"), r.out());
    assertTrue(r.out().contains("ERROR dnsbl.query-refused  zen.spamhaus.org"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void demoInKorean() {
    Cli r = Cli.run("demo", "--lang", "ko", "--format", "markdown");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("> 정상적인 발신 도메인."), r.out());
    assertTrue(r.out().contains("# example.com 메일 발송 점검 결과"), r.out());
  }

  @Test
  void serveKeepsTheDemoWorldUpForCheckByHand() throws Exception {
    java.io.PipedWriter pipe = new java.io.PipedWriter();
    java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.PipedReader(pipe));
    java.io.StringWriter err = new java.io.StringWriter();
    Thread server = Thread.ofVirtual().start(() ->
        Main.run(new String[] {"demo", "--serve"}, new java.io.PrintWriter(pipe, true), new java.io.PrintWriter(err, true),
            new dev.mailcheck.config.Config(Map.of())));
    try {
      String first = lines.readLine();
      assertTrue(first.startsWith("Serving the demo world on 127.0.0.1:"), first);
      String hint = lines.readLine();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("--dns (127\\.0\\.0\\.1:\\d+)").matcher(hint);
      assertTrue(m.find(), hint);
      Cli check = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "--dns", m.group(1));
      assertEquals(1, check.exit(), check.toString());
      assertTrue(check.out().contains("ptr.missing"), check.out());
    } finally {
      server.interrupt();
      server.join(5_000);
    }
  }
}
