package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.WorldDnsClient;
import dev.mailcheck.testing.WorldFixture;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every SPF domain finding and every spf.ip-* result, on a loopback DNS world. */
class SpfCheckTest {
  static final String ZONE = """
      ok.test.                 MX  10 mail.ok.test.
      ok.test.                 TXT "v=spf1 mx -all"
      mail.ok.test.            A   192.0.2.10
      missing.test.            MX  10 mail.ok.test.
      missing.test.            TXT "google-site-verification=abc"
      multiple.test.           TXT "v=spf1 mx -all"
      multiple.test.           TXT "v=spf1 ip4:192.0.2.10 ~all"
      syntax.test.             TXT "v=spf1 ip4:192.0.2 -all"
      leading.test.            TXT " v=spf1 mx -all"
      toomany.test.            TXT "v=spf1 include:i1.toomany.test include:i2.toomany.test include:i3.toomany.test include:i4.toomany.test include:i5.toomany.test include:i6.toomany.test -all"
      i1.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      i2.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      i3.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      i4.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      i5.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      i6.toomany.test.         TXT "v=spf1 a:h.toomany.test ~all"
      h.toomany.test.          A   198.51.100.1
      void.test.               TXT "v=spf1 a:gone1.void.test a:gone2.void.test mx:gone3.void.test ip4:192.0.2.10 -all"
      incnospf.test.           TXT "v=spf1 include:retired.incnospf.test ip4:192.0.2.10 -all"
      retired.incnospf.test.   A   198.51.100.9
      plusall.test.            TXT "v=spf1 +all"
      noall.test.              TXT "v=spf1 ip4:192.0.2.10"
      ptr.test.                TXT "v=spf1 ptr:ptr.test -all"
      timeout.test.            MX  10 mail.ok.test.
      servfail.test.           MX  10 mail.ok.test.
      notcp.test.              MX  10 mail.ok.test.
      exists.test.             TXT "v=spf1 exists:%{i}._spf.exists.test exists:%{I}.%{D}._x.exists.test -all"
      redirect.test.           TXT "v=spf1 redirect=_spf.redirect.test"
      _spf.redirect.test.      TXT "v=spf1 mx:ok.test ~all"
      softfail.test.           TXT "v=spf1 mx:ok.test ~all"
      neutral.test.            TXT "v=spf1 mx:ok.test ?all"
      own.test.                MX  10 mail.ok.test.
      own.test.                TXT "v=spf1 ip4:192.0.2.77 ip4:198.51.100.0/24 a:out.own.test mx include:other.test -all"
      out.own.test.            A   192.0.2.78
      other.test.              TXT "v=spf1 ip4:203.0.113.99 -all"
      loop.test.               TXT "v=spf1 include:loop2.test -all"
      loop2.test.              TXT "v=spf1 include:loop.test -all"
      temp.test.               TXT "v=spf1 include:slowinc.test -all"
      v4view.test.             MX  10 mx.v4view.test.
      v4view.test.             TXT "v=spf1 mx -all"
      mx.v4view.test.          A   192.0.2.30
      """;

  static DnsWorld world;

  @BeforeAll
  static void start() throws Exception {
    world = new DnsWorld().records(ZONE);
    // An SPF record too large for a UDP answer (EDNS 1232 bytes): read over TCP.
    StringBuilder big = new StringBuilder("big.test. TXT \"v=spf1\"");
    for (int i = 0; i < 80; i++) {
      big.append(" \" ip4:198.51.").append(i).append(".0/24\"");
    }
    big.append(" \" mx:ok.test -all\"");
    world.records(big.toString());
    world.records(big.toString().replace("big.test.", "bignoall.test.").replace(" -all\"", "\""));
    // In-process there is no UDP size limit: say as data that these answers came truncated (read over TCP).
    world.fault("big.test", Type.TXT, Fault.TRUNCATE);
    world.fault("bignoall.test", Type.TXT, Fault.TRUNCATE);
    world.records("notcp.test. TXT \"v=spf1 mx:ok.test -all\"");
    world.fault("timeout.test", Type.TXT, Fault.TIMEOUT);
    world.fault("slowinc.test", Type.TXT, Fault.TIMEOUT);
    world.fault("servfail.test", Type.TXT, Fault.SERVFAIL);
    world.fault("notcp.test", Type.TXT, Fault.TRUNCATE_NO_TCP);
    world.fault("mx.v4view.test", Type.AAAA, Fault.SERVFAIL);
  }

  /** An engine with the given checks, answering in-process from the world. */
  static Engine engine(List<Check> checks) {
    return new Engine((deadline, trace) -> new WorldDnsClient(world, WorldFixture.TIMEOUT, trace), checks, java.time.Clock.systemUTC());
  }

  static Report run(String target, InetAddress from, List<Check> checks) throws Exception {
    Engine engine = engine(checks);
    CheckOptions options = new CheckOptions(from, null, List.of(), Set.of("smtp", "http", "rdap"), Duration.ofSeconds(3), Lang.EN);
    return engine.run(new TargetParser(true).parse(target), options);
  }

  static List<Finding> spf(String target) throws Exception {
    return spf(target, null);
  }

  static List<Finding> spf(String target, String from) throws Exception {
    return run(target, from == null ? null : InetAddress.getByName(from), List.of(new SpfCheck())).findings();
  }

  static String ids(List<Finding> fs) {
    return fs.stream().map(f -> f.id() + ":" + f.severity().name().toLowerCase()).sorted().collect(Collectors.joining(" "));
  }

  static Finding only(List<Finding> fs, String id) {
    List<Finding> match = fs.stream().filter(f -> f.id().equals(id)).toList();
    assertEquals(1, match.size(), "one " + id + " in " + ids(fs));
    return match.get(0);
  }

  @Test
  void goodRecordIsOk() throws Exception {
    List<Finding> fs = spf("ok.test");
    assertEquals("spf.ok:pass", ids(fs));
    Finding ok = fs.get(0);
    assertEquals("spf", ok.check());
    assertTrue(evidence(ok).get(0).contains("\"v=spf1 mx -all\""));
    assertTrue(evidence(ok).stream().anyMatch(l -> l.contains("[1] mx")), evidence(ok).toString());
    assertTrue(summary(ok).contains("1 of at most 10"), summary(ok));
  }

  @Test
  void missingMultipleAndSyntax() throws Exception {
    assertEquals("spf.missing:fail", ids(spf("missing.test")));
    assertTrue(fix(only(spf("missing.test"), "spf.missing")).contains("v=spf1"));
    Finding multiple = only(spf("multiple.test"), "spf.multiple");
    assertEquals(Severity.FAIL, multiple.severity());
    assertEquals(2, evidence(multiple).size());
    Finding syntax = only(spf("syntax.test"), "spf.syntax");
    assertEquals(Severity.FAIL, syntax.severity());
    assertTrue(summary(syntax).contains("192.0.2"), summary(syntax));
  }

  @Test
  void leadingWhiteSpaceIsExplained() throws Exception {
    Finding f = only(spf("leading.test"), "spf.syntax");
    assertEquals(Severity.FAIL, f.severity());
    assertTrue(summary(f).contains("white space"), summary(f));
    assertEquals(1, spf("leading.test").size());
  }

  @Test
  void tooManyLookupsNamesTheEleventh() throws Exception {
    List<Finding> fs = spf("toomany.test");
    assertEquals("spf.too-many-lookups:fail", ids(fs));
    Finding f = fs.get(0);
    assertTrue(summary(f).contains("12 DNS lookups"), summary(f));
    assertTrue(summary(f).contains("include:i6.toomany.test in toomany.test"), summary(f));
    assertTrue(evidence(f).stream().anyMatch(l -> l.contains("[11] include:i6.toomany.test") && l.contains("over the limit")),
        String.join("\n", evidence(f)));
  }

  @Test
  void voidLookupsAreCountedAndMarked() throws Exception {
    List<Finding> fs = spf("void.test");
    Finding f = only(fs, "spf.too-many-void-lookups");
    assertEquals(Severity.FAIL, f.severity());
    assertTrue(summary(f).contains("mx:gone3.void.test"), summary(f));
    assertTrue(evidence(f).stream().anyMatch(l -> l.contains("void lookup 1")));
    assertFalse(fs.stream().anyMatch(x -> x.id().equals("spf.ok")));
  }

  @Test
  void includeWithoutSpf() throws Exception {
    Finding f = only(spf("incnospf.test"), "spf.include-without-spf");
    assertEquals(Severity.FAIL, f.severity());
    assertTrue(summary(f).contains("retired.incnospf.test"));
  }

  @Test
  void plusAllNoAllAndPtrAreWarnings() throws Exception {
    // A record with a warning is not "ok": no spf.ok beside it.
    assertEquals("spf.plus-all:warn", ids(spf("plusall.test")));
    assertEquals("spf.no-all:warn", ids(spf("noall.test")));
    assertEquals("spf.ptr-mechanism:warn", ids(spf("ptr.test")));
  }

  @Test
  void mxHostAaaaFailureDoesNotWithholdOk() throws Exception {
    // The domain check counts as an IPv4 client: only the MX host's A answer matters.
    assertEquals("spf.ok:pass", ids(spf("v4view.test")));
  }

  @Test
  void dnsFailuresAreErrorsNeverMissing() throws Exception {
    assertEquals("dns.timeout:error", ids(spf("timeout.test")));
    assertEquals("dns.servfail:error", ids(spf("servfail.test")));
    // A server that truncates over UDP and refuses TCP: broken DNS, not a missing record.
    List<Finding> notcp = spf("notcp.test");
    assertEquals(1, notcp.size(), ids(notcp));
    Finding broken = notcp.get(0);
    assertTrue(broken.id().startsWith("dns."), ids(notcp));
    assertEquals("spf", broken.check());
    assertEquals(Severity.ERROR, broken.severity());
    assertTrue(summary(broken).contains("too large for UDP") && summary(broken).contains("TCP")
        && summary(broken).contains("not a missing record"), summary(broken));
    assertTrue(fix(broken).contains("TCP port 53"), fix(broken));
    assertTrue(evidence(broken).stream().anyMatch(l -> l.contains("notcp.test. TXT: the UDP answer") && l.contains("truncated")),
        String.join("\n", evidence(broken)));
    // A timeout inside an include: an error finding, and no spf.ok.
    assertEquals("dns.timeout:error", ids(spf("temp.test")));
  }

  @Test
  void largeRecordIsReadOverTcp() throws Exception {
    Finding ok = only(spf("big.test"), "spf.ok");
    assertTrue(evidence(ok).stream().anyMatch(l -> l.contains("over TCP")), String.join("\n", evidence(ok)));
    assertEquals("spf.ip-pass:pass spf.ok:pass", ids(spf("big.test", "198.51.79.25")));
  }

  @Test
  void macroExistsRedirectOnlyAndLoops() throws Exception {
    List<Finding> exists = spf("exists.test");
    assertEquals("spf.ok:pass", ids(exists));
    assertTrue(evidence(exists.get(0)).stream().anyMatch(l -> l.contains("not looked up")));
    assertEquals("spf.ok:pass", ids(spf("redirect.test")));
    List<Finding> loop = spf("loop.test");
    assertTrue(ids(loop).contains("spf.too-many-lookups:fail"), ids(loop));
  }

  @Test
  void checkHostWithFrom() throws Exception {
    assertEquals("spf.ip-pass:pass", ids(spf("ok.test", "192.0.2.10").stream().filter(f -> f.id().startsWith("spf.ip")).toList()));
    Finding fail = only(spf("ok.test", "198.51.100.7"), "spf.ip-fail");
    assertEquals(Severity.FAIL, fail.severity());
    assertEquals("198.51.100.7", fail.subject());
    assertTrue(summary(fail).contains("-all"), summary(fail));
    assertEquals(Severity.FAIL, only(spf("softfail.test", "198.51.100.7"), "spf.ip-softfail").severity());
    assertEquals(Severity.FAIL, only(spf("neutral.test", "198.51.100.7"), "spf.ip-neutral").severity());
    assertEquals(Severity.FAIL, only(spf("missing.test", "198.51.100.7"), "spf.ip-none").severity());
    assertEquals(Severity.FAIL, only(spf("multiple.test", "192.0.2.10"), "spf.ip-permerror").severity());
    assertEquals(Severity.ERROR, only(spf("timeout.test", "192.0.2.10"), "spf.ip-temperror").severity());
    assertEquals(Severity.ERROR, only(spf("temp.test", "192.0.2.10"), "spf.ip-temperror").severity());
    // An IPv6 sender is shown in its short form (RFC 5952).
    Finding six = only(spf("ok.test", "2001:db8:0:0:0:0:0:5"), "spf.ip-fail");
    assertEquals("2001:db8::5", six.subject());
    assertTrue(summary(six).contains("2001:db8::5") && !summary(six).contains("0:0:0"), summary(six));
    assertTrue(evidence(six).get(0).startsWith("check_host(2001:db8::5,"), evidence(six).get(0));
    // Through a redirect, and as an IPv4-mapped IPv6 address.
    assertEquals(Severity.PASS, only(spf("redirect.test", "::ffff:192.0.2.10"), "spf.ip-pass").severity());
  }

  @Test
  void assumedSendingIpsIncludeTheRecordsOwnServers() throws Exception {
    Report r = run("own.test", null, Checks.only("spf", "ptr"));
    List<String> ips = r.sendingIps().addresses();
    assertTrue(r.sendingIps().assumed());
    assertTrue(ips.contains("192.0.2.10"), ips.toString());
    assertTrue(ips.contains("192.0.2.77"), ips.toString());
    assertTrue(ips.contains("192.0.2.78"), ips.toString());
    assertFalse(ips.contains("203.0.113.99"), "third-party include: " + ips);
    assertFalse(ips.stream().anyMatch(a -> a.startsWith("198.51.100.")), "a range is no one server: " + ips);
    // The same, whichever check asks first: without the SPF check the addresses are still there.
    Report noSpf = run("own.test", null, List.of(new PtrCheck()));
    assertTrue(noSpf.sendingIps().addresses().contains("192.0.2.77"), noSpf.sendingIps().addresses().toString());
  }

  @Test
  void koreanTexts() throws Exception {
    Engine engine = engine(Checks.only("spf"));
    CheckOptions options = new CheckOptions(null, null, List.of(), Set.of(), Duration.ofSeconds(3), Lang.KO);
    Finding f = engine.run(new TargetParser(true).parse("multiple.test"), options).findings().get(0);
    assertEquals("spf.multiple", f.id());
    assertTrue(summary(f, Lang.KO).contains("레코드가 2개"), summary(f, Lang.KO));
    assertTrue(fix(f, Lang.KO).contains("합치세요"), fix(f, Lang.KO));
    Finding many = engine.run(new TargetParser(true).parse("toomany.test"), options).findings().get(0);
    assertEquals("spf.too-many-lookups", many.id());
    assertTrue(summary(many, Lang.KO).contains("toomany.test의 include:i6.toomany.test"), summary(many, Lang.KO));
    assertTrue(evidence(many, Lang.KO).stream().anyMatch(l -> l.contains("한도 10회 초과")), String.join("\n", evidence(many, Lang.KO)));
    Finding syntax = engine.run(new TargetParser(true).parse("syntax.test"), options).findings().get(0);
    assertEquals("spf.syntax", syntax.id());
    assertTrue(summary(syntax, Lang.KO).contains("192.0.2는 IPv4 주소가 아님"), summary(syntax, Lang.KO));
    Finding none = engine.run(new TargetParser(true).parse("missing.test"), options.withFrom(InetAddress.getByName("198.51.100.7")))
        .findings().stream().filter(x -> x.id().equals("spf.ip-none")).findFirst().orElseThrow();
    assertTrue(summary(none, Lang.KO).contains("missing.test에 SPF 레코드가 없음"), summary(none, Lang.KO));
    Finding notcp = engine.run(new TargetParser(true).parse("notcp.test"), options).findings().get(0);
    assertTrue(summary(notcp, Lang.KO).contains("UDP에 담기에는 너무 크고"), summary(notcp, Lang.KO));
    assertTrue(evidence(notcp, Lang.KO).stream().anyMatch(l -> l.contains("TCP로 다시 물었으나")), String.join("\n", evidence(notcp, Lang.KO)));
    Finding big = engine.run(new TargetParser(true).parse("bignoall.test"), options).findings().stream()
        .filter(x -> x.id().equals("spf.no-all")).findFirst().orElseThrow();
    assertTrue(evidence(big, Lang.KO).stream().anyMatch(l -> l.contains("TCP로 다시 조회함")), String.join("\n", evidence(big, Lang.KO)));
    assertFalse(evidence(big, Lang.KO).stream().anyMatch(l -> l.contains("too large")), String.join("\n", evidence(big, Lang.KO)));
  }

  /** Every SPF text exists in both languages, and no fix offers the discontinued KISA white-domain registration. */
  @Test
  void bundlesAreComplete() throws Exception {
    java.util.Properties en = new java.util.Properties();
    java.util.Properties ko = new java.util.Properties();
    try (var a = getClass().getResourceAsStream("/dev/mailcheck/spf/messages.properties");
         var b = getClass().getResourceAsStream("/dev/mailcheck/spf/messages_ko.properties")) {
      en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
      ko.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals(en.keySet(), ko.keySet());
    for (String id : List.of("spf.ok", "spf.missing", "spf.multiple", "spf.syntax", "spf.too-many-lookups",
        "spf.too-many-void-lookups", "spf.include-without-spf", "spf.plus-all", "spf.no-all", "spf.ptr-mechanism",
        "spf.ip-pass", "spf.ip-fail", "spf.ip-softfail", "spf.ip-neutral", "spf.ip-none", "spf.ip-permerror", "spf.ip-temperror")) {
      assertTrue(en.containsKey(id + ".summary"), id);
      if (!id.equals("spf.ok") && !id.equals("spf.ip-pass")) {
        assertTrue(en.containsKey(id + ".fix"), id);
      }
    }
    for (Object k : en.keySet()) {
      if (String.valueOf(k).endsWith(".fix")) {
        assertFalse(en.getProperty((String) k).contains("spam.kisa.or.kr"), String.valueOf(k));
      }
    }
  }
}
