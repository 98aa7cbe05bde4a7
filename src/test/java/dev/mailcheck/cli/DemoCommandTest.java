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
    // The older domains' organizations publish DMARC (inherited) and each has a DKIM key (s1).
    List<String> auth = List.of("info dmarc.inherited", "pass dkim.ok", "pass dmarc.ok");
    expected.put("example.com", List.of("pass dkim.ok", "pass dmarc.ok", "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    expected.put("no-ptr.example.net", with(auth, "fail ptr.missing", "pass mx.ok", "pass spf.ok"));
    expected.put("mismatch.example.org", with(auth, "fail ptr.mismatch", "pass mx.ok", "pass spf.ok"));
    expected.put("dynamic.example.net", with(auth, "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn ptr.generic"));
    expected.put("cname-mx.example.org", with(auth, "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn mx.target-cname"));
    expected.put("nullmx.example.com", List.of("fail mx.null", "fail spf.missing", "info dmarc.inherited", "pass dmarc.ok", "warn dkim.not-found"));
    expected.put("too-many.example.com", with(auth, "fail spf.include-without-spf", "fail spf.too-many-lookups", "pass mx.ok", "pass ptr.ok"));
    expected.put("two-spf.example.net", with(auth, "fail spf.multiple", "pass mx.ok", "pass ptr.ok"));
    // MX and SPF could not be checked, and so the sending IPs could not be found: three "could not check", no "missing".
    expected.put("exmaple.com", List.of("fail domain.nonexistent"));
    expected.put("slow.example.net", List.of("error dns.timeout", "error dns.timeout", "error dns.timeout", "info dmarc.inherited",
        "pass dmarc.ok", "warn dkim.not-found"));
    List<String> healthy = List.of("pass mx.ok", "pass ptr.ok", "pass spf.ok");
    expected.put("no-auth.example", with(healthy, "fail dmarc.missing", "warn dkim.not-found"));
    expected.put("monitor.example", with(healthy, "fail dkim.key-weak", "info dmarc.policy-none", "warn dkim.key-weak", "warn dmarc.no-rua"));
    expected.put("partial.example", with(healthy, "info dkim.key-revoked", "info dmarc.pct-partial", "info dmarc.pct-partial", "pass dkim.ok",
        "warn dkim.testing", "warn dmarc.rua-unauthorized"));
    expected.put("two-dmarc.example", with(healthy, "fail dkim.syntax", "fail dmarc.multiple"));
    expected.put("bad-dmarc.example", with(healthy, "fail dmarc.syntax", "pass dkim.ok"));
    expected.put("shop.example.com", with(healthy, "fail dkim.selector-missing", "info dmarc.inherited", "pass dmarc.ok"));
    // The demo's own SMTP server on loopback: no STARTTLS; and a HELO name that resolves nowhere.
    expected.put("plaintext.example.com", with(auth, "fail helo.unresolvable", "pass mx.ok", "pass ptr.ok", "pass spf.ok",
        "warn smtp.no-starttls"));
    expected.put("192.0.2.10", List.of("pass ptr.ok"));
    assertEquals(expected, found);
  }

  /** The findings of {@code base} and {@code more}, sorted as the report's are compared. */
  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all.stream().sorted().toList();
  }

  @Test
  void demoTextExitsZeroAndExplainsEachDomain() {
    Cli r = Cli.run("demo");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("=== A healthy sender: MX, PTR, SPF, DKIM and DMARC all in order."), r.out());
    assertTrue(r.out().contains("PASS  dkim.ok  s1._domainkey.example.com"), r.out());
    assertTrue(r.out().contains("FAIL  dmarc.missing  no-auth.example"), r.out());
    assertTrue(r.out().contains("WARN  dmarc.rua-unauthorized  partial.example._report._dmarc.dmarc-vendor.example"), r.out());
    assertTrue(r.out().contains("FAIL  ptr.missing  198.51.100.20"), r.out());
    assertTrue(r.out().contains("WARN  mx.target-cname  alias.cname-mx.example.org"), r.out());
    assertTrue(r.out().contains("ERROR dns.timeout  slow.example.net. MX"), r.out());
    assertEquals(18, r.out().lines().filter(l -> l.startsWith("Verdict: ")).count(), r.out());
    assertTrue(r.out().contains("=== A bounce the no-PTR server got from Gmail"), r.out());
    assertTrue(r.out().contains("Receiver: Gmail (gmail)") && r.out().contains("Cause: ptr.missing"), r.out());
    assertTrue(r.out().contains("Gmail refused the message because 198.51.100.20 has no PTR"), r.out());
    assertTrue(r.out().contains("Ask whoever holds 198.51.100.20 (your ISP, hosting company or cloud provider) to set its PTR to mail.no-ptr.example.net"), r.out());
    assertTrue(r.out().contains("Fix: Ask the IP's holder to change the PTR of 198.51.100.30 to mx.mismatch.example.org"), r.out());
    assertTrue(r.out().contains("FAIL  domain.nonexistent  exmaple.com"), r.out());
    assertTrue(r.out().contains("WARN  smtp.no-starttls  mail.plaintext.example.com"), r.out());
    assertTrue(r.out().contains("FAIL  helo.unresolvable  localhost.localdomain"), r.out());
    assertTrue(r.out().contains("smtp_helo_name = mail.plaintext.example.com"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void demoInKorean() {
    Cli r = Cli.run("demo", "--lang", "ko", "--format", "markdown");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("> 정상적인 발신 도메인: MX, PTR, SPF, DKIM, DMARC 모두 정상."), r.out());
    assertTrue(r.out().contains("DMARC 레코드가 없습니다"), r.out());
    assertTrue(r.out().contains("추측으로는 no-auth.example에 DKIM이 없다고 단정할 수 없습니다"), r.out());
    assertTrue(r.out().contains("# example.com 메일 발송 점검 결과"), r.out());
    assertTrue(r.out().contains("192.0.2.10의 PTR 레코드(mail.example.com)가 다시 192.0.2.10으로 조회됩니다"), r.out());
    assertTrue(r.out().contains("exmaple.com은 DNS에 없는 도메인입니다(NXDOMAIN)."), r.out());
    for (String clumsy : List.of("(으)", "(를)", "(가)", "(이)", "(은)", "(는)", "다음(DXNS", "다음 스팸", "증거", "정방향 확인 역방향", " 뒤 TIMEOUT")) {
      assertTrue(!r.out().contains(clumsy), clumsy + " in " + r.out());
    }
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
      // The hint runs as printed: the demo's sending IPs are documentation addresses, allowed only with the flag.
      assertTrue(hint.strip().startsWith("MAILCHECK_ALLOW_PRIVATE=1 mailcheck check example.com --dns 127.0.0.1:"), hint);
      // Nothing beyond the demo's DNS: the hint skips every probe that would leave the machine (SMTP to port 25).
      assertTrue(hint.contains(" --skip " + DemoCommand.offWorldProbes()) && DemoCommand.offWorldProbes().contains("smtp"), hint);
      String second = lines.readLine();
      assertTrue(second.strip().startsWith("MAILCHECK_ALLOW_PRIVATE=1 mailcheck check no-ptr.example.net 198.51.100.20 --dns"), second);
      Cli refused = Cli.run("check", "no-ptr.example.net", "198.51.100.20", "--dns", m.group(1));
      assertEquals(2, refused.exit(), refused.toString());
      Cli fromIp = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "198.51.100.20", "--dns", m.group(1),
          "--skip", DemoCommand.offWorldProbes());
      assertEquals(1, fromIp.exit(), fromIp.toString());
      Cli check = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "--dns", m.group(1),
          "--skip", DemoCommand.offWorldProbes());
      assertEquals(1, check.exit(), check.toString());
      assertTrue(check.out().contains("ptr.missing"), check.out());
    } finally {
      server.interrupt();
      server.join(5_000);
    }
  }
}
