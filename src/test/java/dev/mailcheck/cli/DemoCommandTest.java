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
    expected.put("example.com", List.of("pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    expected.put("no-ptr.example.net", List.of("fail ptr.missing", "pass mx.ok", "pass spf.ok"));
    expected.put("mismatch.example.org", List.of("fail ptr.mismatch", "pass mx.ok", "pass spf.ok"));
    expected.put("dynamic.example.net", List.of("pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn ptr.generic"));
    expected.put("cname-mx.example.org", List.of("pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn mx.target-cname"));
    expected.put("nullmx.example.com", List.of("fail mx.null", "fail spf.missing"));
    expected.put("too-many.example.com", List.of("fail spf.include-without-spf", "fail spf.too-many-lookups", "pass mx.ok", "pass ptr.ok"));
    expected.put("two-spf.example.net", List.of("fail spf.multiple", "pass mx.ok", "pass ptr.ok"));
    // MX and SPF could not be checked, and so the sending IPs could not be found: three "could not check", no "missing".
    expected.put("slow.example.net", List.of("error dns.timeout", "error dns.timeout", "error dns.timeout"));
    // The demo's own SMTP server on loopback: no STARTTLS; and a HELO name that resolves nowhere.
    expected.put("plaintext.example.com", List.of("fail helo.unresolvable", "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn smtp.no-starttls"));
    expected.put("192.0.2.10", List.of("pass ptr.ok"));
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
    assertTrue(r.out().contains("WARN  smtp.no-starttls  mail.plaintext.example.com"), r.out());
    assertTrue(r.out().contains("FAIL  helo.unresolvable  localhost.localdomain"), r.out());
    assertTrue(r.out().contains("smtp_helo_name = mail.plaintext.example.com"), r.out());
    assertEquals(11, r.out().lines().filter(l -> l.startsWith("Verdict: ")).count(), r.out());
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
      Cli check = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "--dns", m.group(1), "--skip", "smtp,http,rdap");
      assertEquals(1, check.exit(), check.toString());
      assertTrue(check.out().contains("ptr.missing"), check.out());
    } finally {
      server.interrupt();
      server.join(5_000);
    }
  }
}
