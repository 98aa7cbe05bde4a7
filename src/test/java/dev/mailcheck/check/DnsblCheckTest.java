package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.all;
import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.links;
import static dev.mailcheck.testing.Findings.only;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListHealth;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.JsonRenderer;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.InputException;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The {@code dnsbl} and {@code dbl} checks on in-process DNS worlds holding blocklist zones: what a
 * listing, a refusal, an unhealthy list, an IPv6 address, a DBL hit and a timeout look like to a user.
 */
class DnsblCheckTest {
  private static final String ZEN = "zen.spamhaus.org.";

  /** A list that passes its RFC 5782 test points (127.0.0.2 listed, 127.0.0.1 not). */
  static String healthy(String zone) {
    return "2.0.0.127." + zone + " A 127.0.0.2\n";
  }

  static Report run(DnsWorld world, String target, BlockLists lists, Check... checks) {
    try (WorldFixture dns = WorldFixture.of(world, "dnsbl")) {
      Dnsbl fresh = new Dnsbl(new ListHealth());
      List<Check> run = checks.length > 0 ? List.of(checks) : List.of(new DnsblCheck(lists, fresh));
      Engine engine = new Engine((deadline, trace) -> dns.client(trace), run, Clock.systemUTC());
      return engine.run(new TargetParser(true).parse(target), DnsFixture.options());
    } catch (dev.mailcheck.target.BadTargetException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Report run(String zone, String target, String... zones) {
    return run(new DnsWorld().records(zone), target, BlockLists.parse(String.join(",", zones), "test"));
  }

  @Test
  void listedWithEveryCodeTranslatedTheTxtReasonAndTheDelistingLink() {
    Report r = run(healthy(ZEN) + """
        5.2.0.192.zen.spamhaus.org. A 127.0.0.2
        5.2.0.192.zen.spamhaus.org. A 127.0.0.4
        5.2.0.192.zen.spamhaus.org. A 127.0.0.10
        5.2.0.192.zen.spamhaus.org. TXT "Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL1"
        """, "192.0.2.5", "zen.spamhaus.org");
    Finding f = assertFinding(r, "dnsbl.listed", Severity.FAIL);
    assertEquals("192.0.2.5", f.subject());
    assertEquals("dnsbl", f.check());
    String s = summary(f);
    assertTrue(s.contains("Spamhaus ZEN") && s.contains("127.0.0.2 is SBL") && s.contains("127.0.0.4 is XBL")
        && s.contains("127.0.0.10 is PBL (set by the ISP)"), s);
    String fix = fix(f);
    assertTrue(fix.contains("SBL listings are made by hand") && fix.contains("Clean the machine") && fix.contains("ask the ISP"), fix);
    assertEquals("https://check.spamhaus.org/", links(f).get(0).url());
    assertTrue(evidence(f).contains("reason given by the list (TXT): Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL1"), evidence(f).toString());
    assertTrue(evidence(f).contains("5.2.0.192.zen.spamhaus.org. A 127.0.0.2"), evidence(f).toString());
    String ko = summary(f, Lang.KO);
    assertTrue(ko.contains("차단 목록에 등재") && ko.contains("SBL"), ko);
    assertEquals(Severity.FAIL, r.verdict());
    assertNone(r, "dnsbl.clean");
  }

  @Test
  void eachListHitIsOneFindingAndTheRestOneCleanSummary() {
    Report r = run(healthy(ZEN) + healthy("bl.spamcop.net.") + healthy("psbl.surriel.com.") + healthy("dnsbl-1.uceprotect.net.") + """
        5.2.0.192.bl.spamcop.net. A 127.0.0.2
        5.2.0.192.dnsbl-1.uceprotect.net. A 127.0.0.2
        """, "192.0.2.5", "zen.spamhaus.org", "bl.spamcop.net", "psbl.surriel.com", "dnsbl-1.uceprotect.net");
    List<Finding> listed = all(r, "dnsbl.listed");
    assertEquals(2, listed.size(), r.findings().toString());
    Finding spamcop = listed.stream().filter(x -> summary(x).contains("SpamCop")).findFirst().orElseThrow();
    assertEquals(Severity.FAIL, spamcop.severity());
    assertTrue(fix(spamcop).contains("24 hours"), fix(spamcop));
    assertEquals("https://www.spamcop.net/bl.shtml", links(spamcop).get(0).url());
    Finding uce = listed.stream().filter(x -> summary(x).contains("UCEPROTECT")).findFirst().orElseThrow();
    assertEquals(Severity.INFO, uce.severity(), "UCEPROTECT level 1 is information only");
    assertTrue(fix(uce).contains("Never pay"), fix(uce));
    Finding clean = only(r, "dnsbl.clean");
    assertEquals(Severity.PASS, clean.severity());
    assertTrue(summary(clean).contains("is not listed on these blocklists, which answered") && summary(clean).contains("Spamhaus ZEN")
        && summary(clean).contains("PSBL"), summary(clean));
  }

  @Test
  void refusalCodesAreErrorsNeverListings() {
    Report r = run("""
        2.0.0.127.zen.spamhaus.org. A 127.255.255.254
        1.0.0.127.zen.spamhaus.org. A 127.255.255.254
        5.2.0.192.zen.spamhaus.org. A 127.255.255.254
        """, "192.0.2.5", "zen.spamhaus.org");
    Finding f = assertFinding(r, "dnsbl.query-refused", Severity.ERROR);
    assertEquals("zen.spamhaus.org", f.subject());
    assertTrue(summary(f).contains("your resolver is a public or open one, and Spamhaus refuses"), summary(f));
    assertTrue(summary(f).contains("not a listing"), summary(f));
    assertTrue(fix(f).contains("MAILCHECK_SPAMHAUS_DQS_KEY"), fix(f));
    assertNone(r, "dnsbl.listed");
    assertNone(r, "dnsbl.clean");
    assertEquals(Severity.ERROR, r.verdict());
  }

  @Test
  void aRefusalOnTheQuestionItselfOnAHealthyListIsStillARefusal() {
    Report r = run(healthy(ZEN) + "5.2.0.192.zen.spamhaus.org. A 127.255.255.255\n", "192.0.2.5", "zen.spamhaus.org");
    Finding f = assertFinding(r, "dnsbl.query-refused", Severity.ERROR);
    assertTrue(summary(f).contains("more questions than its free use allows"), summary(f));
    assertEquals(List.of("5.2.0.192.zen.spamhaus.org. A 127.255.255.255"), evidence(f));
  }

  @Test
  void anAnswerOutsideLoopbackIsAResolverRewritingAnswers() {
    Report r = run(healthy("bl.spamcop.net.") + "5.2.0.192.bl.spamcop.net. A 198.51.100.80\n", "192.0.2.5", "bl.spamcop.net");
    Finding f = assertFinding(r, "dnsbl.query-refused", Severity.ERROR);
    assertTrue(summary(f).contains("outside 127.0.0.0/8"), summary(f));
    assertNone(r, "dnsbl.listed");
  }

  @Test
  void aListThatListsEverythingIsUnhealthyAndItsAnswersIgnored() {
    Report r = run("*.bl.example.net. A 127.0.0.2\n", "192.0.2.5", "bl.example.net");
    Finding f = assertFinding(r, "dnsbl.list-unhealthy", Severity.ERROR);
    assertEquals("bl.example.net", f.subject());
    assertTrue(summary(f).contains("it lists the test point 127.0.0.1") && summary(f).contains("ignored"), summary(f));
    assertEquals("https://www.rfc-editor.org/rfc/rfc5782#section-5", links(f).get(0).url());
    assertNone(r, "dnsbl.listed");
    assertNone(r, "dnsbl.clean");
  }

  @Test
  void aListThatNoLongerListsItsTestPointIsUnhealthy() {
    Report r = run("5.2.0.192.bl.spamcop.net. A 127.0.0.2\n", "192.0.2.5", "bl.spamcop.net");
    Finding f = assertFinding(r, "dnsbl.list-unhealthy", Severity.ERROR);
    assertTrue(summary(f).contains("does not list the test point 127.0.0.2"), summary(f));
    assertNone(r, "dnsbl.listed");
  }

  @Test
  void ipv6UsesNibblesOnListsThatHoldIpv6Only() {
    String nibbles = "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2";
    String testPoint = "2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0";
    DnsWorld world = new DnsWorld().records(testPoint + ".zen.spamhaus.org. A 127.0.0.2\n"
        + nibbles + ".zen.spamhaus.org. A 127.0.0.3\n");
    try (WorldFixture dns = WorldFixture.of(world, "dnsbl")) {
      Engine engine = new Engine((deadline, trace) -> dns.client(trace),
          List.of(new DnsblCheck(BlockLists.parse("zen.spamhaus.org,bl.spamcop.net", "test"), new Dnsbl(new ListHealth()))), Clock.systemUTC());
      Report r = engine.run(new TargetParser(true).parse("2001:db8::25"), DnsFixture.options());
      Finding f = assertFinding(r, "dnsbl.listed", Severity.FAIL);
      assertEquals("2001:db8::25", f.subject());
      assertTrue(summary(f).contains("CSS"), summary(f));
      assertEquals(1, dns.count(nibbles + ".zen.spamhaus.org.", Type.A));
      assertEquals(0, r.dnsQueries().stream().filter(q -> q.name().endsWith("bl.spamcop.net.")).count(), "SpamCop holds IPv4 only");
    } catch (dev.mailcheck.target.BadTargetException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aTimeoutIsCouldNotCheckNeverClean() {
    DnsWorld world = new DnsWorld().records(healthy(ZEN) + healthy("bl.spamcop.net."));
    world.fault("5.2.0.192.zen.spamhaus.org.", Fault.TIMEOUT);
    Report r = run(world, "192.0.2.5", BlockLists.parse("zen.spamhaus.org,bl.spamcop.net", "test"));
    Finding t = assertFinding(r, "dns.timeout", Severity.ERROR);
    assertEquals("dnsbl", t.check());
    assertEquals("5.2.0.192.zen.spamhaus.org. A", t.subject());
    Finding clean = only(r, "dnsbl.clean");
    assertTrue(summary(clean).contains("is not listed on these blocklists, which answered: SpamCop"), summary(clean));
    assertFalse(summary(clean).contains("Spamhaus"), summary(clean));
    assertEquals(Severity.ERROR, r.verdict());
  }

  @Test
  void aTimeoutOnTheTestPointIsCouldNotCheckToo() {
    DnsWorld world = new DnsWorld().records("5.2.0.192.zen.spamhaus.org. A 127.0.0.2\n");
    world.fault("2.0.0.127.zen.spamhaus.org.", Fault.TIMEOUT);
    Report r = run(world, "192.0.2.5", BlockLists.parse("zen.spamhaus.org", "test"));
    assertEquals("2.0.0.127.zen.spamhaus.org. A", assertFinding(r, "dns.timeout", Severity.ERROR).subject());
    assertNone(r, "dnsbl.listed");
    assertNone(r, "dnsbl.clean");
  }

  @Test
  void mailcheckDnsblReplacesTheDefaultZones() {
    BlockLists lists = BlockLists.fromSettings(Map.of("MAILCHECK_DNSBL", "bl.example.net, bl.spamcop.net")::get);
    assertEquals(List.of("bl.example.net", "bl.spamcop.net"), lists.lists().stream().map(l -> l.display()).toList());
    Report r = run(new DnsWorld().records(healthy("bl.example.net.") + healthy("bl.spamcop.net.")
        + "5.2.0.192.bl.example.net. A 127.0.0.3\n"), "192.0.2.5", lists);
    Finding f = assertFinding(r, "dnsbl.listed", Severity.FAIL);
    assertTrue(summary(f).contains("bl.example.net") && summary(f).contains("127.0.0.3: an answer the list does not document"), summary(f));
    assertTrue(links(f).isEmpty(), "a list the catalog does not know has no delisting page");
    assertEquals(0, r.dnsQueries().stream().filter(q -> q.name().contains("spamhaus")).count());
    InputException bad = assertThrows(InputException.class,
        () -> BlockLists.fromSettings(Map.of("MAILCHECK_DNSBL", "not a zone!")::get));
    assertEquals("MAILCHECK_DNSBL: 'not' is not a blocklist zone; give zones such as zen.spamhaus.org,bl.spamcop.net.", bad.getMessage());
  }

  @Test
  void theDefaultsAreCurrentListsNeverDeadOnes() {
    List<String> zones = BlockLists.defaults().lists().stream().map(l -> l.display()).toList();
    assertTrue(zones.containsAll(List.of("zen.spamhaus.org", "dbl.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net",
        "bl.mailspike.net", "psbl.surriel.com", "dnsbl-1.uceprotect.net")), zones.toString());
    for (String dead : List.of("sorbs", "ahbl", "spamcannibal", "njabl", "dsbl", "abuse.ch", "abuseat")) {
      assertTrue(BlockLists.catalog().stream().noneMatch(l -> l.display().contains(dead)), dead);
    }
  }

  @Test
  void aDqsKeyMovesSpamhausToDqsAndIsNeverShown() {
    String key = "k3yq9d0s7z2w4x8c";
    BlockLists lists = BlockLists.fromSettings(Map.of("MAILCHECK_DNSBL", "zen.spamhaus.org", "MAILCHECK_SPAMHAUS_DQS_KEY", key)::get);
    DnsWorld world = new DnsWorld().records("2.0.0.127." + key + ".zen.dq.spamhaus.net. A 127.0.0.2\n"
        + "5.2.0.192." + key + ".zen.dq.spamhaus.net. A 127.0.0.11\n"
        + "5.2.0.192." + key + ".zen.dq.spamhaus.net. TXT \"PBL\"\n");
    world.fault("6.2.0.192." + key + ".zen.dq.spamhaus.net.", Fault.TIMEOUT);
    Report listed = run(world, "192.0.2.5", lists);
    Finding f = assertFinding(listed, "dnsbl.listed", Severity.FAIL);
    assertTrue(summary(f).contains("Spamhaus ZEN (DQS) (<key>.zen.dq.spamhaus.net)"), summary(f));
    assertTrue(summary(f).contains("PBL (set by Spamhaus)"), summary(f));
    Report timedOut = run(world, "192.0.2.6", lists);
    assertEquals("6.2.0.192.<key>.zen.dq.spamhaus.net. A", assertFinding(timedOut, "dns.timeout", Severity.ERROR).subject());
    for (Report r : List.of(listed, timedOut)) {
      String json = new JsonRenderer().render(r, Lang.EN);
      assertFalse(json.contains(key), json);
      assertTrue(json.contains("<key>.zen.dq.spamhaus.net"), json);
    }
    InputException bad = assertThrows(InputException.class,
        () -> BlockLists.fromSettings(Map.of("MAILCHECK_SPAMHAUS_DQS_KEY", "short!")::get));
    assertFalse(bad.getMessage().contains("short!"), "a key is never echoed");
  }
}
