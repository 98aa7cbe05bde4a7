package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** {@code mailcheck spf}: the JSON shape of DESIGN.md, the text form, --batch, and the exit codes. */
class SpfCommandTest {
  static LoopbackDnsServer server;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    DnsWorld world = new DnsWorld().records("""
        ok.test.            MX  10 mail.ok.test.
        ok.test.            TXT "v=spf1 mx -all exp=why.ok.test"
        why.ok.test.        TXT "%{i} is not one of %{d}'s servers"
        mail.ok.test.       A   192.0.2.10
        helo.test.          TXT "v=spf1 a -all"
        helo.test.          A   192.0.2.20
        bulk.test.          TXT "v=spf1 include:_spf.bulk.test -all"
        _spf.bulk.test.     TXT "v=spf1 include:_net.bulk.test ~all"
        _net.bulk.test.     TXT "v=spf1 ip4:192.0.2.0/28 ~all"
        two.test.           TXT "v=spf1 mx -all"
        two.test.           TXT "v=spf1 a -all"
        macro.test.         TXT "v=spf1 -all exp=e.macro.test"
        e.macro.test.       TXT "l=%{l} h=%{h} o=%{o}"
        xn--fa-hia.test.    TXT "v=spf1 ip4:192.0.2.30 -all"
        """);
    world.fault("slow.test", Type.TXT, Fault.TIMEOUT);
    server = LoopbackDnsServer.start(world);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--dns");
    all.add("127.0.0.1:" + server.port());
    int exit = Main.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void jsonShapeForPass() throws Exception {
    Run r = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "user@ok.test", "--helo", "mail.ok.test", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = JSON.readTree(r.out());
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertTrue(fields.containsAll(List.of("result", "explanation", "mechanism", "dnsLookups", "voidLookups")), fields.toString());
    assertEquals("pass", n.get("result").asText());
    assertEquals("mx", n.get("mechanism").asText());
    assertTrue(n.get("explanation").isNull());
    assertEquals(1, n.get("dnsLookups").asInt());
    assertEquals(0, n.get("voidLookups").asInt());
  }

  @Test
  void failCarriesTheExplanationAndStillExitsZero() throws Exception {
    Run r = run("", "spf", "--ip", "198.51.100.7", "--mail-from", "user@ok.test", "--helo", "x.example", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = JSON.readTree(r.out());
    assertEquals("fail", n.get("result").asText());
    assertEquals("-all", n.get("mechanism").asText());
    assertEquals("198.51.100.7 is not one of ok.test's servers", n.get("explanation").asText());
  }

  @Test
  void temperrorOnTimeoutIsAResult() throws Exception {
    Run r = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "a@slow.test", "--format", "json", "--timeout", "2s");
    assertEquals(0, r.exit(), r.err());
    assertEquals("temperror", JSON.readTree(r.out()).get("result").asText());
  }

  @Test
  void anErrorNamesNoDecidingMechanismAndItsReasonFollowsTheLanguage() throws Exception {
    Run en = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "a@two.test", "--format", "json");
    JsonNode n = JSON.readTree(en.out());
    assertEquals("permerror", n.get("result").asText());
    assertTrue(n.get("mechanism").isNull(), "an error is decided by no mechanism: " + en.out());
    Run ko = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "a@two.test", "--format", "json", "--lang", "ko");
    String reason = JSON.readTree(ko.out()).get("reason").asText();
    assertTrue(reason.matches(".*[가-힣].*"), "Korean reason: " + reason);
    assertTrue(!reason.equals(n.get("reason").asText()), reason);
  }

  @Test
  void batchLineWithTrailingTextIsABadLine() throws Exception {
    Run r = run("{\"ip\":\"192.0.2.10\",\"mailFrom\":\"u@ok.test\",\"helo\":\"h.ok.test\"} trailing\n", "spf", "--batch");
    assertEquals(0, r.exit(), r.err());
    JsonNode line = JSON.readTree(r.out().lines().findFirst().orElseThrow());
    assertEquals(1, line.get("line").asInt(), r.out());
    assertTrue(line.has("error"), r.out());
  }

  @Test
  void textFormat() {
    Run r = run("", "spf", "--ip", "198.51.100.7", "--mail-from", "user@ok.test", "--helo", "x.example");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Result: fail"), r.out());
    assertTrue(r.out().contains("Decided by: -all (ok.test)"), r.out());
    assertTrue(r.out().contains("Explanation: 198.51.100.7 is not one of ok.test's servers"), r.out());
    assertTrue(r.out().contains("DNS lookups: 1 / 10"), r.out());
    Run ko = run("", "spf", "--ip", "198.51.100.7", "--mail-from", "user@ok.test", "--lang", "ko");
    assertTrue(ko.out().contains("결과: 실패(fail): 이 IP는 허용되지 않음"), ko.out());
    assertFalse(ko.out().contains("결과: fail"), ko.out());
  }

  @Test
  void heloIdentityWhenMailFromIsEmpty() throws Exception {
    Run r = run("", "spf", "--ip", "192.0.2.20", "--mail-from", "", "--helo", "helo.test", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    assertEquals("pass", JSON.readTree(r.out()).get("result").asText());
  }

  @Test
  void bounceWrittenAsAngleBracketsAndIdnDomains() throws Exception {
    Run r = run("", "spf", "--ip", "192.0.2.20", "--mail-from", "<>", "--helo", "helo.test", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    assertEquals("pass", JSON.readTree(r.out()).get("result").asText());
    // A reverse-path as written in SMTP: the angle brackets are not part of the domain.
    Run bracketed = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "<user@ok.test>", "--format", "json");
    assertEquals(0, bracketed.exit(), bracketed.err());
    assertEquals("pass", JSON.readTree(bracketed.out()).get("result").asText());
    assertEquals("ok.test", JSON.readTree(bracketed.out()).get("domain").asText());
    Run idn = run("", "spf", "--ip", "192.0.2.20", "--mail-from", "user@한국.test", "--format", "json");
    assertEquals(0, idn.exit(), idn.err());
    JsonNode n = JSON.readTree(idn.out());
    assertEquals("none", n.get("result").asText());
    assertEquals("xn--3e0b707e.test", n.get("domain").asText());
  }

  @Test
  void badInputIsOneSentenceAndExitTwo() {
    for (String[] args : List.of(
        new String[] {"spf", "--ip", "999.1.1.1", "--mail-from", "a@ok.test"},
        new String[] {"spf", "--ip", "mail.ok.test", "--mail-from", "a@ok.test"},
        new String[] {"spf", "--ip", "192.0.2.1", "--mail-from", "a\r\nRCPT TO:<x@ok.test>"},
        new String[] {"spf", "--ip", "192.0.2.1", "--helo", "a\nb"},
        new String[] {"spf", "--ip", "192.0.2.1", "--mail-from", "a@ok.test", "--timeout", "0"},
        new String[] {"spf", "--ip", "192.0.2.1"},
        new String[] {"spf", "--mail-from", "a@ok.test"},
        new String[] {"spf", "--ip", "192.0.2.1", "--mail-from", "a@ok.test", "--format", "xml"})) {
      Run r = run("", args);
      assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("mailcheck: "), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void batchJsonLinesInAndOut() throws Exception {
    String in = String.join("\n",
        "{\"ip\":\"192.0.2.10\",\"mailFrom\":\"a@ok.test\",\"helo\":\"mail.ok.test\"}",
        "this is not json",
        "",
        "{\"ip\":\"nope\",\"mailFrom\":\"a@ok.test\",\"helo\":\"h\"}",
        "{\"ip\":\"198.51.100.7\",\"mailFrom\":\"a@ok.test\",\"helo\":\"h.example\"}",
        "{\"ip\":\"192.0.2.20\",\"mailFrom\":\"\",\"helo\":\"helo.test\"}",
        "{\"ip\":\"192.0.2.10\",\"mailFrom\":\"a@ok.test>\",\"helo\":\"h\"}") + "\n";
    Run r = run(in, "spf", "--batch");
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> lines = new ArrayList<>();
    for (Iterator<String> it = r.out().lines().iterator(); it.hasNext(); ) {
      lines.add(JSON.readTree(it.next()));
    }
    assertEquals(6, lines.size(), r.out());
    assertEquals("pass", lines.get(0).get("result").asText());
    assertEquals("192.0.2.10", lines.get(0).get("input").get("ip").asText());
    assertEquals(2, lines.get(1).get("line").asInt());
    assertTrue(lines.get(1).get("error").asText().contains("not valid JSON"));
    assertEquals(4, lines.get(2).get("line").asInt());
    assertTrue(lines.get(2).get("error").asText().contains("not an IP address"));
    assertEquals("fail", lines.get(3).get("result").asText());
    assertEquals("pass", lines.get(4).get("result").asText());
    // A domain no DNS name can be is what a receiver would see too: check_host() says none (§4.3).
    assertEquals("none", lines.get(5).get("result").asText(), lines.get(5).toString());
  }

  @Test
  void batchSharesOneCacheSoTheIncludeTreeIsReadOnce() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      in.append("{\"ip\":\"192.0.2.").append(i).append("\",\"mailFrom\":\"u").append(i).append("@bulk.test\",\"helo\":\"h\"}\n");
    }
    in.append("{\"ip\":\"198.51.100.1\",\"mailFrom\":\"x@bulk.test\",\"helo\":\"h\"}\n");
    Run r = run(in.toString(), "spf", "--batch");
    assertEquals(0, r.exit(), r.err());
    List<String> results = r.out().lines().map(l -> {
      try {
        return JSON.readTree(l).get("result").asText();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertEquals(List.of("pass", "pass", "pass", "pass", "pass", "fail"), results);
    assertEquals(1, server.count("bulk.test", Type.TXT));
    assertEquals(1, server.count("_spf.bulk.test", Type.TXT));
    assertEquals(1, server.count("_net.bulk.test", Type.TXT));
  }

  @Test
  void checkReportsSpfFindingsInJson() throws Exception {
    Run r = run("", "check", "ok.test", "--format", "json", "--from", "11.22.33.44");
    assertEquals("", r.err());
    JsonNode report = JSON.readTree(r.out());
    List<String> ids = new ArrayList<>();
    report.get("findings").forEach(f -> ids.add(f.get("id").asText() + ":" + f.get("severity").asText()));
    assertTrue(ids.contains("spf.ok:pass"), ids.toString());
    assertTrue(ids.contains("spf.ip-fail:fail"), ids.toString());
    assertEquals(1, r.exit(), "a fail finding gives exit status 1");
  }

  @Test
  void everyMailFromAndHeloAnSmtpSessionCanPresentGetsItsRfc7208Result() throws Exception {
    // §4.3: a domain literal, a domain that is no DNS name and a single-label name give none.
    for (String from : List.of("foo@[1.2.3.5]", "not-an-address", "u@ok,test", "u@ok.test>", "postmaster@[IPv6:2001:db8::1]")) {
      Run r = run("", "spf", "--ip", "192.0.2.10", "--mail-from", from, "--format", "json");
      assertEquals(0, r.exit(), from + " -> " + r.err());
      assertEquals("none", JSON.readTree(r.out()).get("result").asText(), from + " -> " + r.out());
    }
    // §7.3: the local part is used as sent (quotes and spaces), the HELO text as it came.
    Run quoted = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "\"joe smith\"@macro.test", "--helo", "JUMPIN' JUPITER", "--format", "json");
    JsonNode q = JSON.readTree(quoted.out());
    assertEquals("fail", q.get("result").asText(), quoted.toString());
    assertEquals("l=\"joe smith\" h=JUMPIN' JUPITER o=macro.test", q.get("explanation").asText());
    Run unbalanced = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "<joe@macro.test", "--helo", "mail.ok.test", "--format", "json");
    assertEquals("l=<joe h=mail.ok.test o=macro.test", JSON.readTree(unbalanced.out()).get("explanation").asText(), unbalanced.toString());
    // The HELO identity of a name that is not a domain: none, whatever its quotes and spaces.
    Run jumpin = run("", "spf", "--ip", "192.0.2.10", "--mail-from", "", "--helo", "JUMPIN' JUPITER", "--format", "json");
    assertEquals("none", JSON.readTree(jumpin.out()).get("result").asText(), jumpin.toString());
    // IDNA2008: faß is its own domain (xn--fa-hia), as 'mailcheck check faß.test' reads it.
    Run fass = run("", "spf", "--ip", "192.0.2.30", "--mail-from", "user@faß.test", "--format", "json");
    assertEquals("pass", JSON.readTree(fass.out()).get("result").asText(), fass.toString());
    assertEquals("xn--fa-hia.test", JSON.readTree(fass.out()).get("domain").asText());
  }

  @Test
  void batchRefusesOnlyWhatIsNotTextAndSaysSoInBatchWords() throws Exception {
    String in = String.join("\n",
        "\uFEFF{\"ip\":\"192.0.2.10\",\"mailFrom\":\"a@ok.test\",\"helo\":\"mail.ok.test\"}",
        "{\"ip\":\"192.0.2.10\",\"mailFrom\":\"a@ok.test\",\"helo\":5}",
        "{\"ip\":null,\"mailFrom\":\"a@ok.test\"}",
        "{\"ip\":\"\\u001b[31mred\",\"mailFrom\":\"a@ok.test\"}",
        "{\"ip\":\"192.0.2.10\",\"mailFrom\":\"a@ok.test\",\"helo\":\"" + "h".repeat(1 << 20) + "\"}",
        "{\"ip\":\"192.0.2.10\"}") + "\n";
    Run r = run(in, "spf", "--batch");
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> lines = new ArrayList<>();
    for (String l : r.out().lines().toList()) {
      lines.add(JSON.readTree(l));
    }
    assertEquals(6, lines.size(), r.out());
    assertEquals("pass", lines.get(0).get("result").asText(), "a byte order mark before the first line is not part of it");
    assertEquals("line 2: \"helo\" must be a JSON string, not a number.", lines.get(1).get("error").asText());
    assertEquals("line 3 has no \"ip\"; give the client's address, e.g. \"ip\": \"203.0.113.5\".", lines.get(2).get("error").asText());
    String esc = lines.get(3).get("error").asText();
    assertEquals("line 4: '\\x1B[31mred' is not an IP address; use e.g. 203.0.113.5 or 2001:db8::25.", esc);
    assertEquals("pass", lines.get(4).get("result").asText());
    String echoed = lines.get(4).get("input").get("helo").asText();
    assertTrue(echoed.length() < 600 && echoed.endsWith("…"), "a 1 MB helo is not echoed whole: " + echoed.length());
    assertEquals("line 6 has neither \"mailFrom\" nor \"helo\"; give \"mailFrom\", or \"helo\" with \"mailFrom\": \"\" for a bounce.",
        lines.get(5).get("error").asText());

    Run ko = run("{\"ip\":null}\n", "spf", "--batch", "--lang", "ko");
    assertEquals("1번째 줄에 \"ip\"가 없습니다. 클라이언트 주소를 넣으세요. 예: \"ip\": \"203.0.113.5\"", JSON.readTree(ko.out()).get("error").asText());
  }

  @Test
  void badInputSentencesFollowTheLanguage() {
    Run en = run("", "spf", "--ip", "999.1.1.1", "--mail-from", "a@ok.test");
    assertEquals("mailcheck: '999.1.1.1' is not an IP address; use e.g. 203.0.113.5 or 2001:db8::25.", en.err().strip());
    Run ko = run("", "spf", "--ip", "999.1.1.1", "--mail-from", "a@ok.test", "--lang", "ko");
    assertEquals(2, ko.exit());
    assertEquals("mailcheck: IP 주소가 아닙니다: '999.1.1.1'. 203.0.113.5나 2001:db8::25처럼 입력하세요.", ko.err().strip());
  }
}
