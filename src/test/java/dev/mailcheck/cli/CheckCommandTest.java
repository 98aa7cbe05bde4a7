package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.testing.DkimKeys;
import dev.mailcheck.testing.DnsFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mailcheck check} as a user runs it: output, JSON, exit status, bad input. */
class CheckCommandTest {
  private static final String WORLD = """
      example.com.              MX   10 mail.example.com.
      example.com.              TXT  "v=spf1 mx ip4:198.51.100.7 ip4:8.8.8.8 -all"
      mail.example.com.         A    192.0.2.10
      10.2.0.192.in-addr.arpa.  PTR  mail.example.com.
      noptr.example.net.        MX   10 mail.noptr.example.net.
      noptr.example.net.        TXT  "v=spf1 mx -all"
      mail.noptr.example.net.   A    192.0.2.20
      7.100.51.198.in-addr.arpa. PTR out.example.com.
      out.example.com.          A    198.51.100.7
      8.8.8.8.in-addr.arpa.     PTR  dns.example.
      dns.example.              A    8.8.8.8
      slow.example.org.         MX   10 mail.slow.example.org.
      xn--3e0b707e.kr.          MX   10 mail.example.com.
      xn--3e0b707e.kr.          TXT  "v=spf1 mx -all"
      _dmarc.example.com.       TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      _dmarc.example.net.       TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.net"
      _dmarc.example.org.       TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"
      _dmarc.xn--3e0b707e.kr.   TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@xn--3e0b707e.kr"
      s1._domainkey.noptr.example.net.  CNAME s1._domainkey.example.com.
      s1._domainkey.slow.example.org.   CNAME s1._domainkey.example.com.
      s1._domainkey.xn--3e0b707e.kr.    CNAME s1._domainkey.example.com.
      s_1.google._domainkey.example.com. CNAME s1._domainkey.example.com.
      bare.example.             MX   10 mail.example.com.
      bare.example.             TXT  "v=spf1 mx -all"
      """ + DkimKeys.txt("s1._domainkey.example.com.", "v=DKIM1; k=rsa; p=" + DkimKeys.rsa(2048));
  private static final ObjectMapper JSON = new ObjectMapper();

  private DnsFixture dns;

  @BeforeEach
  void start() {
    dns = DnsFixture.start(new DnsWorld().records(WORLD).fault("slow.example.org", Fault.TIMEOUT));
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  /** Runs {@code mailcheck check ARGS --dns 127.0.0.1:PORT} with no MAILCHECK_* settings. */
  private Cli check(String... args) {
    return check(Map.of(), args);
  }

  private Cli check(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("check"));
    all.addAll(List.of(args));
    all.addAll(List.of("--dns", dns.dnsArg()));
    // Nothing leaves the machine. The world holds a public address (8.8.8.8), whose holder the owner
    // check would ask a real registry, and mail hosts the SMTP check would connect to on port 25: these
    // runs leave RDAP and SMTP out (OwnerCommandTest and SmtpCliTest run them against servers on loopback).
    Map<String, String> local = new java.util.HashMap<>(env);
    local.putIfAbsent("MAILCHECK_SKIP", "rdap,smtp");
    return Cli.run(local, all.toArray(String[]::new));
  }

  private static final Map<String, String> ALLOW_PRIVATE = Map.of("MAILCHECK_ALLOW_PRIVATE", "1");

  @Test
  void heloAndSelectorFollowTheSharedRules() {
    Cli bad = check(ALLOW_PRIVATE, "example.com", "--helo", "mail..example.com");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("'mail..example.com' is not a host name"), bad.err());
    Cli empty = check(ALLOW_PRIVATE, "example.com", "--selector", "s1..x");
    assertEquals(2, empty.exit(), empty.toString());
    assertTrue(empty.err().contains("'s1..x' is not a DKIM selector"), empty.err());
    Cli underscore = check(ALLOW_PRIVATE, "example.com", "--selector", "s_1.google");
    assertEquals(0, underscore.exit(), underscore.toString());
  }

  @Test
  void healthyDomainExitsZeroWithAReadableReport() {
    Cli r = check(ALLOW_PRIVATE, "example.com");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("mailcheck report for example.com\n"), r.out());
    assertTrue(r.out().contains("PASS  mx.ok  example.com"), r.out());
    assertTrue(r.out().contains("PASS  ptr.ok  192.0.2.10"), r.out());
    assertTrue(r.out().contains("| example.com. MX 10 mail.example.com."), r.out());
    assertTrue(r.out().contains("Sending IPs (assumed from MX and SPF; give --from IP to be exact): 192.0.2.10, 198.51.100.7, 8.8.8.8"), r.out());
    assertTrue(r.out().contains("PASS  spf.ok  example.com"), r.out());
    // The whole run's counts depend on which checks are registered; the verdict line's form does not.
    assertTrue(r.out().matches("(?s).*\nVerdict: No problems found \\(\\d+ pass, \\d+ info, 0 warn, 0 fail, 0 error\\) in \\d+ ms\n"), r.out());
    assertFalse(r.out().contains("\u001b["), "no ANSI colours when not on a terminal");
    assertEquals("", r.err());
  }

  @Test
  void idnTargetIsShownInBothForms() throws Exception {
    Cli r = check("한국.kr");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("mailcheck report for 한국.kr (xn--3e0b707e.kr)\n"), r.out());
    Cli j = check("한국.kr", "--format", "json");
    JsonNode t = JSON.readTree(j.out()).path("target");
    assertEquals("한국.kr", t.path("input").asText());
    assertEquals("xn--3e0b707e.kr", t.path("name").asText());
    assertEquals("한국.kr", t.path("unicode").asText());
    // Texts meant for people name the domain in Unicode; the evidence keeps what DNS holds.
    assertTrue(r.out().contains("한국.kr publishes MX records"), r.out());
    assertTrue(r.out().contains("| xn--3e0b707e.kr. MX 10 mail.example.com."), r.out());
    Cli ko = check("한국.kr", "--lang", "ko");
    assertTrue(ko.out().contains("한국.kr에 MX 레코드가 있고"), ko.out());
    assertTrue(ko.out().contains("한국.kr에 올바른 SPF 레코드가 하나 있습니다"), ko.out());
    assertFalse(ko.out().contains("xn--3e0b707e.kr에"), ko.out());
    Cli missing = check("없는도메인.kr", "--lang", "ko");
    assertTrue(missing.out().contains("없는도메인.kr은 DNS에 없는 도메인입니다(NXDOMAIN)."), missing.out());
  }

  @Test
  void aFailExitsOne() {
    Cli r = check("noptr.example.net");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("FAIL  ptr.missing  192.0.2.20"), r.out());
    assertTrue(r.out().contains("Fix: Ask whoever holds 192.0.2.20"), r.out());
  }

  @Test
  void onlyErrorsExitThree() {
    Cli r = check("slow.example.org", "--timeout", "2s");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.out().contains("ERROR dns.timeout  slow.example.org. MX"), r.out());
    assertFalse(r.out().contains("mx.missing"), r.out());
    // In Korean the outcome is worded too, not left as the English "TIMEOUT after".
    Cli ko = check("slow.example.org", "--timeout", "2s", "--lang", "ko");
    assertTrue(ko.out().matches("(?s).*slow\\.example\\.org\\. MX: 시간 초과\\(TIMEOUT\\) \\(리졸버 127\\.0\\.0\\.1:\\d+, \\d+ ms 경과\\).*"), ko.out());
    assertFalse(ko.out().contains(" 뒤 TIMEOUT"), ko.out());
  }

  @Test
  void noResolverAnsweringExitsThree() throws Exception {
    DnsWorld silent = new DnsWorld().fault(n -> true, Fault.TIMEOUT);
    try (DnsFixture dead = DnsFixture.start(silent)) {
      Cli r = Cli.run("check", "example.com", "--dns", dead.dnsArg(), "--timeout", "2s");
      assertEquals(3, r.exit(), r.toString());
      assertTrue(r.out().contains("dns.timeout"), r.out());
    }
  }

  @Test
  void jsonReportHasTheDocumentedSchema() throws Exception {
    Cli r = check("Example.COM.", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("mailcheck.report/1", j.path("schema").asText());
    assertEquals("Example.COM.", j.path("target").path("input").asText());
    assertEquals("domain", j.path("target").path("kind").asText());
    assertEquals("example.com", j.path("target").path("name").asText());
    assertEquals("example.com", j.path("target").path("unicode").asText());
    assertTrue(j.has("from") && j.get("from").isNull(), "from is present and null: " + r.out());
    Instant.parse(j.path("startedAt").asText());
    assertTrue(j.path("elapsedMs").isIntegralNumber());
    assertEquals(List.of("schema", "target", "from", "startedAt", "elapsedMs", "verdict", "counts", "findings"),
        fieldNames(j).subList(0, 8));
    assertEquals(Set.of("pass", "info", "warn", "fail", "error"), Set.copyOf(fieldNames(j.path("counts"))));
    assertTrue(j.path("findings").isArray() && j.path("findings").size() > 0);
    int total = 0;
    for (JsonNode f : j.path("findings")) {
      for (String field : List.of("id", "check", "severity", "subject", "summary", "evidence", "fix", "links")) {
        assertTrue(f.has(field), field + " missing in " + f);
      }
      assertTrue(Set.of("pass", "info", "warn", "fail", "error").contains(f.path("severity").asText()), f.toString());
      assertTrue(f.path("evidence").isArray());
      for (JsonNode l : f.path("links")) {
        assertTrue(l.path("url").asText().startsWith("https://"), l.toString());
        assertFalse(l.path("title").asText().isBlank(), l.toString());
      }
      total++;
    }
    int counted = 0;
    for (JsonNode c : j.path("counts")) {
      counted += c.asInt();
    }
    assertEquals(total, counted);
  }

  @Test
  void jsonFindingValuesForAHealthyDomain() throws Exception {
    Cli r = check("example.com", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("pass", j.path("verdict").asText());
    int passes = 0;
    for (JsonNode f : j.path("findings")) {
      if (Set.of("mx", "spf", "ptr").contains(f.path("check").asText()) && f.path("severity").asText().equals("pass")) {
        passes++;
      }
    }
    // Counted for the checks this test is about, so adding a check changes nothing here.
    assertEquals(5, passes, "mx, spf and the PTR of three sending IPs (one from MX, two from the SPF record)");
    JsonNode mx = null;
    for (JsonNode f : j.path("findings")) {
      mx = f.path("id").asText().equals("mx.ok") ? f : mx;
    }
    assertTrue(mx != null, r.out());
    assertEquals("mx", mx.path("check").asText());
    assertEquals("pass", mx.path("severity").asText());
    assertEquals("example.com", mx.path("subject").asText());
    assertTrue(mx.path("fix").isNull(), mx.toString());
  }

  @Test
  void dkimAndDmarcShowInTextAndJsonInBothLanguages() throws Exception {
    Cli ok = check("example.com", "--selector", "s1", "--format", "json");
    assertEquals(0, ok.exit(), ok.toString());
    List<String> ids = new ArrayList<>();
    JSON.readTree(ok.out()).path("findings").forEach(f -> ids.add(f.path("severity").asText() + " " + f.path("id").asText()
        + " " + f.path("subject").asText()));
    assertTrue(ids.contains("pass dkim.ok s1._domainkey.example.com"), ids.toString());
    assertTrue(ids.contains("pass dmarc.ok example.com"), ids.toString());

    Cli bare = check("bare.example", "--selector", "s1", "--format", "json");
    assertEquals(1, bare.exit(), bare.toString());
    JsonNode missing = null;
    for (JsonNode f : JSON.readTree(bare.out()).path("findings")) {
      missing = f.path("id").asText().equals("dmarc.missing") ? f : missing;
    }
    assertTrue(missing != null, bare.out());
    assertEquals("dmarc", missing.path("check").asText());
    assertEquals("fail", missing.path("severity").asText());
    assertTrue(missing.path("fix").asText().contains("_dmarc.bare.example. TXT \"v=DMARC1; p=none; rua=mailto:dmarc@bare.example\""),
        missing.toString());
    assertTrue(missing.path("links").toString().contains("rfc7489#section-6.6.3"), missing.toString());

    Cli ko = check("bare.example", "--selector", "s1", "--lang", "ko");
    assertEquals(1, ko.exit(), ko.toString());
    assertTrue(ko.out().contains("dmarc.missing") && ko.out().contains("DMARC 레코드가 없습니다"), ko.out());
    assertTrue(ko.out().contains("dkim.selector-missing") && ko.out().contains("s1._domainkey.bare.example에 DKIM 키가 없습니다"), ko.out());
    Cli en = check("bare.example");
    assertTrue(en.out().contains("dkim.not-found") && en.out().contains("Guessing cannot prove"), en.out());
  }

  @Test
  void twoArgumentFormSetsFrom() throws Exception {
    Cli r = check(ALLOW_PRIVATE, "example.com", "198.51.100.7", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode j = JSON.readTree(r.out());
    assertTrue(j.isObject(), "one report, not two: " + r.out());
    assertEquals("example.com", j.path("target").path("name").asText());
    assertEquals("198.51.100.7", j.path("from").asText());
    assertFalse(j.path("sendingIps").path("assumed").asBoolean());
    List<String> subjects = new ArrayList<>();
    j.path("findings").forEach(f -> subjects.add(f.path("id").asText() + " " + f.path("subject").asText()));
    assertTrue(subjects.contains("ptr.ok 198.51.100.7"), subjects.toString());
    assertFalse(subjects.contains("ptr.ok 192.0.2.10"), subjects.toString());
  }

  @Test
  void twoArgumentFormWithAPublicAddress() throws Exception {
    Cli r = check("example.com", "8.8.8.8", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("8.8.8.8", JSON.readTree(r.out()).path("from").asText());
  }

  @Test
  void fromFlagSetsFrom() throws Exception {
    Cli r = check("example.com", "--from", "8.8.8.8", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("8.8.8.8", JSON.readTree(r.out()).path("from").asText());
  }

  @Test
  void documentationAddressIsRefusedWithoutAllowPrivate() {
    Cli r = check("example.com", "198.51.100.7");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("documentation"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void ipTargetWithAllowPrivate() throws Exception {
    Cli r = check(ALLOW_PRIVATE, "192.0.2.10", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("ip", j.path("target").path("kind").asText());
    assertEquals("ptr.ok", j.path("findings").get(0).path("id").asText());
  }

  @Test
  void severalTargetsInJsonAreOneArray() throws Exception {
    Cli r = check(ALLOW_PRIVATE, "example.com", "noptr.example.net", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode j = JSON.readTree(r.out());
    assertTrue(j.isArray());
    assertEquals(2, j.size());
    assertEquals("noptr.example.net", j.get(1).path("target").path("name").asText());
  }

  @Test
  void formatIsCaseInsensitive() throws Exception {
    Cli r = check("example.com", "--format", "JSON");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("mailcheck.report/1", JSON.readTree(r.out()).path("schema").asText());
  }

  @Test
  void markdownFormat() {
    Cli r = check("noptr.example.net", "--format", "markdown");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().startsWith("# mailcheck report for noptr.example.net\n"), r.out());
    assertTrue(r.out().contains("## Inbound and transport"), r.out());
    assertTrue(r.out().contains("## Sending IPs"), r.out());
    assertTrue(r.out().contains("- **FAIL** `ptr.missing` 192.0.2.20:"), r.out());
    assertTrue(r.out().contains("- **PASS** `mx.ok` noptr.example.net:"), r.out());
    assertTrue(r.out().matches("(?s).*See: \\[[^]]+]\\(https://[^)]+\\).*"), r.out());
  }

  @Test
  void koreanReport() {
    Cli r = check("noptr.example.net", "--lang", "ko");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("판정: 수신 거부나 스팸함 분류의 원인이 있습니다"), r.out());
    assertTrue(r.out().contains("실패"), r.out());
  }

  @Test
  void koreanParticlesFollowTheWordAndThePtrFixNamesTheMailHost() {
    Cli r = check("noptr.example.net", "--lang", "ko");
    assertTrue(r.out().contains("192.0.2.20을 할당한 곳(ISP, 호스팅 업체, 클라우드)에 PTR을 mail.noptr.example.net으로 설정해 달라고 요청하세요."), r.out());
    for (String doubled : List.of("(으)", "(를)", "(가)", "(이)", "(은)", "(는)", "다음(DXNS", "증거")) {
      assertFalse(r.out().contains(doubled), doubled + " in " + r.out());
    }
  }

  @Test
  void aDomainThatDoesNotExistIsOneFindingNotACascadeOfMissingRecords() throws Exception {
    Cli r = check("nosuch.example.com", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode report = JSON.readTree(r.out());
    List<String> ids = new ArrayList<>();
    report.path("findings").forEach(f -> ids.add(f.path("id").asText()));
    assertEquals(List.of("domain.nonexistent"), ids, r.out());
    assertEquals("fail", report.path("findings").get(0).path("severity").asText());

    Cli text = check("nosuch.example.com");
    assertTrue(text.out().contains("nosuch.example.com does not exist in DNS (NXDOMAIN)") && text.out().contains("usually a typo"), text.out());
    assertTrue(text.out().contains("nosuch.example.com. MX: NXDOMAIN"), text.out());
    Cli ko = check("nosuch.example.com", "--lang", "ko");
    assertTrue(ko.out().contains("nosuch.example.com은 DNS에 없는 도메인입니다(NXDOMAIN)."), ko.out());
    // Without the MX check, SPF reports it, still once and never as spf.missing.
    Cli spfOnly = check("nosuch.example.com", "--skip", "mx");
    assertEquals(1, spfOnly.exit(), spfOnly.toString());
    assertTrue(spfOnly.out().contains("domain.nonexistent") && !spfOnly.out().contains("spf.missing"), spfOnly.out());
  }

  @Test
  void languageFromTheEnvironment() {
    Cli r = check(Map.of("MAILCHECK_LANG", "ko-KR"), "example.com");
    assertTrue(r.out().contains("판정:"), r.out());
  }

  @Test
  void resolverFromTheEnvironment() {
    Cli r = Cli.run(Map.of("MAILCHECK_DNS", dns.dnsArg(), "MAILCHECK_SKIP", "rdap"), "check", "example.com");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("mx.ok"), r.out());
  }

  @Test
  void withoutDnsTheSystemResolversAreUsedWhichTestsPointAtADeadLoopbackPort() {
    Cli r = Cli.run("check", "example.com", "--timeout", "2s");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.out().contains("127.0.0.1:9"), r.out());
    // The evidence says why the question failed, in the reader's language.
    assertTrue(r.out().contains("from 127.0.0.1:9 (port unreachable: nothing answers DNS at that address and port)"), r.out());
    Cli ko = Cli.run("check", "example.com", "--timeout", "2s", "--lang", "ko");
    assertTrue(ko.out().contains("example.com. MX: 오류 (리졸버 127.0.0.1:9, ") && ko.out().contains("원인: 포트에 닿을 수 없음."), ko.out());
  }

  @Test
  void skipFromTheEnvironment() {
    Cli r = Cli.run(Map.of("MAILCHECK_SKIP", "ptr"), "check", "noptr.example.net", "--dns", dns.dnsArg());
    assertEquals(0, r.exit(), r.toString());
    assertFalse(r.out().contains("ptr.missing"), r.out());
    assertTrue(r.out().contains("mx.ok"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"example..com", "*.example.com", "localhost", "999.1.1.1", "192.0.2.0/24", "127.0.0.1", "''"})
  void badTargetExitsTwoWithOneLine(String target) {
    Cli r = check(target.equals("''") ? "" : target);
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().startsWith("mailcheck: "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badResolverExitsTwo() {
    Cli r = Cli.run("check", "example.com", "--dns", "resolver.example");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("127.0.0.1:5353"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",", " "})
  void emptyResolverNeverFallsBackToTheSystemResolver(String empty) {
    Cli r = Cli.run("check", "example.com", "--dns", empty);
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("--dns was given without an address"), r.err());
    assertEquals("", r.out(), "nothing was checked");
    Cli env = Cli.run(Map.of("MAILCHECK_DNS", ","), "check", "example.com");
    assertEquals(2, env.exit(), env.toString());
    assertTrue(env.err().contains("MAILCHECK_DNS is set but names no resolver"), env.err());
  }

  @Test
  void fromNamesTheSenderOfExactlyOneDomain() {
    Cli ipTarget = check(ALLOW_PRIVATE, "192.0.2.10", "--from", "198.51.100.7");
    assertEquals(2, ipTarget.exit(), ipTarget.toString());
    assertTrue(ipTarget.err().contains("exactly one domain"), ipTarget.err());
    Cli twoDomains = check(ALLOW_PRIVATE, "example.com", "noptr.example.net", "--from", "198.51.100.7");
    assertEquals(2, twoDomains.exit(), twoDomains.toString());
  }

  @Test
  void domainAndIpQuotedAsOneArgumentReadAsTwo() {
    Cli r = check(ALLOW_PRIVATE, "example.com 198.51.100.7", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("\"from\" : \"198.51.100.7\""), r.out());
  }

  @Test
  void skippingEveryCheckIsNotACleanPass() {
    // Every registered check by name, so a check added later is skipped here too.
    String every = String.join(",", dev.mailcheck.check.Checks.all().stream().map(dev.mailcheck.check.Check::name).toList());
    Cli r = Cli.run("check", "example.com", "--dns", dns.dnsArg(), "--skip", every);
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.out().contains("Nothing was checked"), r.out());
  }

  @Test
  void badResolverInTheEnvironmentExitsTwo() {
    Cli r = Cli.run(Map.of("MAILCHECK_DNS", "nonsense"), "check", "example.com");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("MAILCHECK_DNS"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5s", "0", "0s", "1d", "1f", "99999999999999s", "2h"})
  void badTimeoutExitsTwo(String timeout) {
    Cli r = check("example.com", "--timeout", timeout);
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("20s"), r.err());
  }

  @Test
  void aRangeIsRefusedAndPointedAtScan() {
    Cli r = check("8.8.8.0/24");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("'8.8.8.0/24' is an address range; check one address at a time, e.g. 8.8.8.0, "
        + "or look up the whole range on the blocklists with mailcheck scan 8.8.8.0/24."), r.err());
    Cli ko = check("8.8.8.0/24", "--lang", "ko");
    assertEquals(2, ko.exit(), ko.toString());
    assertTrue(ko.err().contains("mailcheck scan 8.8.8.0/24로 확인할 수 있습니다."), ko.err());
  }

  @Test
  void selectorHelpSaysWhatItDoesInThisBuild() {
    Cli r = Cli.run("check", "--help");
    assertEquals(0, r.exit(), r.toString());
    String help = r.out().replaceAll("\\s+", " ");
    assertEquals(!dev.mailcheck.check.Checks.readsSelectors(), help.contains("No check of this build reads selectors yet"), help);
    assertTrue(help.contains("any of: " + String.join(", ", dev.mailcheck.check.Checks.skippable())), help);
    // A probe family is offered exactly when a registered check uses it (the owner check: rdap, http).
    for (dev.mailcheck.check.Probe p : dev.mailcheck.check.Probe.values()) {
      if (p.skippable()) {
        assertEquals(dev.mailcheck.check.Checks.skippable().contains(p.id()), help.contains(p.id()), p.id() + " in " + help);
      }
    }
  }

  @Test
  void badSkipExitsTwo() {
    Cli r = Cli.run("check", "example.com", "--dns", dns.dnsArg(), "--skip", "smpt");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    // What may be skipped comes from the registry: the checks of this build, no probe it lacks.
    assertTrue(r.err().contains("'smpt'") && r.err().contains(String.join(",", dev.mailcheck.check.Checks.skippable())), r.err());
    for (String probe : List.of("smtp", "rdap", "http")) {
      assertEquals(dev.mailcheck.check.Checks.skippable().contains(probe), r.err().contains(probe), r.err());
    }
  }

  @Test
  void unknownOptionExitsTwo() {
    Cli r = check("example.com", "--bogus");
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
    assertTrue(r.err().contains("--bogus"), r.err());
  }

  @Test
  void badFormatAndLanguageExitTwo() {
    Cli f = check("example.com", "--format", "xml");
    assertEquals(2, f.exit(), f.toString());
    assertOneLine(f.err());
    Cli l = check("example.com", "--lang", "fr");
    assertEquals(2, l.exit(), l.toString());
    assertOneLine(l.err());
    assertTrue(l.err().contains("en or ko"), l.err());
  }

  @Test
  void missingTargetExitsTwo() {
    Cli r = Cli.run("check", "--dns", dns.dnsArg());
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r.err());
  }

  @Test
  void unknownSubcommandExitsTwo() {
    Cli r = Cli.run("chek", "example.com");
    assertEquals(2, r.exit(), r.toString());
  }

  @Test
  void helpExitsZero() {
    Cli r = Cli.run("check", "--help");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("--timeout"), r.out());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** One line on stderr, no stack trace, no exception class names. */
  private static void assertOneLine(String err) {
    assertTrue(err.endsWith("\n"), err);
    assertEquals(1, err.lines().count(), err);
    assertFalse(err.contains("\tat "), err);
    assertFalse(err.matches("(?s).*\\b\\w+(Exception|Error)\\b.*"), err);
  }
}
