package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.testing.DnsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mailcheck scan CIDR} against a loopback server holding blocklist zones: output, JSON lines, exit status, limits. */
class ScanCommandTest {
  private static final String WORLD = """
      2.0.0.127.zen.spamhaus.org.  A 127.0.0.2
      2.0.0.127.bl.spamcop.net.    A 127.0.0.2
      5.2.0.192.zen.spamhaus.org.  A 127.0.0.4
      5.2.0.192.bl.spamcop.net.    A 127.0.0.2
      77.2.0.192.zen.spamhaus.org. A 127.0.0.11
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DnsFixture dns;

  @BeforeEach
  void start() {
    dns = DnsFixture.start(new DnsWorld().records(WORLD));
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private Cli scan(String... args) {
    return scan(Map.of(), args);
  }

  private Cli scan(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("scan"));
    all.addAll(List.of(args));
    all.addAll(List.of("--dns", dns.dnsArg(), "--timeout", "300ms"));
    return Cli.run(env, all.toArray(String[]::new));
  }

  @Test
  void printsOnlyTheListedAddressesWithTheirMeaningAndDelistingPageAndExitsOne() {
    Cli r = scan("192.0.2.0/24", "--lists", "zen.spamhaus.org,bl.spamcop.net");
    assertEquals(Main.FAILED, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.contains("192.0.2.5  Spamhaus ZEN (zen.spamhaus.org): 127.0.0.4 is XBL: the IP is infected or runs an open proxy"
        + " (a bot, a compromised device)  https://check.spamhaus.org/"), r.toString());
    assertTrue(lines.contains("192.0.2.5  SpamCop (bl.spamcop.net): 127.0.0.2: SpamCop users reported spam from the IP  https://www.spamcop.net/bl.shtml"),
        r.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("192.0.2.77  Spamhaus ZEN")), r.toString());
    assertEquals(3, lines.stream().filter(l -> l.startsWith("192.0.2.")).count(), r.toString());
    assertTrue(r.out().contains("Scanned 192.0.2.0/24 in "), r.out());
    assertTrue(r.out().contains("(addresses: 256, lists: 2); listed: 2."), r.out());
    assertTrue(r.out().contains("Every address was checked on every list."), r.out());
    assertEquals("", r.err(), "no progress bar when standard error is not a terminal");
  }

  @Test
  void jsonLinesOneObjectPerListedAddressThenTheSummary() throws Exception {
    Cli r = scan("192.0.2.0/28", "--lists", "zen.spamhaus.org,bl.spamcop.net", "--format", "json");
    assertEquals(Main.FAILED, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    JsonNode ip = JSON.readTree(lines.get(0));
    assertEquals("192.0.2.5", ip.path("ip").asText());
    assertEquals(2, ip.path("listings").size());
    JsonNode zen = ip.path("listings").get(0);
    assertEquals("zen.spamhaus.org", zen.path("zone").asText());
    assertEquals("127.0.0.4", zen.path("answers").get(0).asText());
    assertEquals("fail", zen.path("severity").asText());
    assertEquals("https://check.spamhaus.org/", zen.path("delist").asText());
    JsonNode summary = JSON.readTree(lines.get(1)).path("summary");
    assertEquals(16, summary.path("addresses").asInt());
    assertEquals(16, summary.path("checked").asInt(), "a scan that was not stopped checks every address");
    assertEquals(1, summary.path("listed").asInt());
    assertTrue(summary.path("complete").asBoolean());
    assertEquals("checked", summary.path("lists").get(0).path("status").asText());
  }

  @Test
  void aCleanRangeExitsZero() {
    Cli r = scan("198.51.100.0/28", "--lists", "zen.spamhaus.org");
    assertEquals(Main.OK, r.exit(), r.toString());
    assertTrue(r.out().contains("listed: 0."), r.out());
  }

  @Test
  void aRefusingOrUnhealthyListIsReportedAndTheScanIsIncomplete() {
    dns.world().records("""
        2.0.0.127.psbl.surriel.com. A 127.255.255.254
        1.0.0.127.psbl.surriel.com. A 127.255.255.254
        """);
    Cli r = scan("198.51.100.0/28", "--lists", "psbl.surriel.com,bl.example.net");
    assertEquals(Main.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.out().contains("PSBL (Passive Spam Block List) (psbl.surriel.com): not used: it refused the test question (answer 127.255.255.254)"), r.out());
    assertTrue(r.out().contains("bl.example.net (bl.example.net): not used: it does not list the test point 127.0.0.2"), r.out());
    assertTrue(r.out().contains("an address not printed is not necessarily clean"), r.out());
  }

  @Test
  void timeoutsAreCountedAsNotCheckedNeverClean() {
    dns.world().fault("3.2.0.192.zen.spamhaus.org.", Fault.TIMEOUT);
    Cli r = scan("192.0.2.0/30", "--lists", "zen.spamhaus.org", "--format", "json");
    assertEquals(Main.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.out().contains("\"notAnswered\":1"), r.out());
    assertTrue(r.out().contains("\"status\":\"partly-checked\""), r.out());
    assertTrue(r.out().contains("\"complete\":false"), r.out());
  }

  @Test
  void mailcheckDnsblChoosesTheListsWhenNoneAreGiven() {
    Cli r = scan(Map.of("MAILCHECK_DNSBL", "bl.spamcop.net"), "192.0.2.0/29");
    assertEquals(Main.FAILED, r.exit(), r.toString());
    assertTrue(r.out().contains("lists: 1)"), r.out());
    assertFalse(r.out().contains("Spamhaus"), r.out());
  }

  @Test
  void aRangeWiderThanASlash20IsRefusedInOneSentence() {
    Cli r = scan("10.0.0.0/19", "--lists", "zen.spamhaus.org");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertEquals("mailcheck: 10.0.0.0/19 holds 8192 addresses; scan at most a /20 (4096 addresses) at a time, or allow more with --max-prefix.\n",
        r.err());
    assertEquals("", r.out());
    Cli ko = scan("10.0.0.0/19", "--lists", "zen.spamhaus.org", "--lang", "ko");
    assertTrue(ko.err().contains("한 번에 /20(주소 4096개)까지만"), ko.err());
    Cli bad = scan("192.0.2.0/33");
    assertEquals(Main.BAD_INPUT, bad.exit());
    assertEquals("mailcheck: '192.0.2.0/33' is not an address range; give one in CIDR form, e.g. 198.51.100.0/24 or 2001:db8::/120.\n", bad.err());
  }

  @Test
  void aSlash20IsAllowedAndMaxPrefixWidensTheLimit() {
    Cli r = scan("192.0.0.0/20", "--lists", "zen.spamhaus.org", "--format", "json", "--concurrency", "128");
    assertEquals(Main.FAILED, r.exit(), r.toString());
    assertTrue(r.out().contains("\"addresses\":4096"), r.out());
    Cli wider = scan("198.51.96.0/19", "--lists", "bl.spamcop.net", "--max-prefix", "19", "--format", "json");
    assertEquals(Main.OK, wider.exit(), wider.toString());
    assertTrue(wider.out().contains("\"addresses\":8192"), wider.out());
  }

  @Test
  void ipv6RangesUseNibblesOnListsThatHoldIpv6() {
    dns.world().records("""
        2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.zen.spamhaus.org. A 127.0.0.2
        5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org. A 127.0.0.3
        """);
    Cli r = scan("2001:db8::/120", "--lists", "zen.spamhaus.org,bl.spamcop.net");
    assertEquals(Main.FAILED, r.exit(), r.toString());
    assertTrue(r.out().contains("2001:db8::25  Spamhaus ZEN (zen.spamhaus.org): 127.0.0.3 is CSS"), r.out());
    assertTrue(r.out().contains("lists: 1)"), "SpamCop holds IPv4 only: " + r.out());
  }

  @Test
  void aBadBlocklistSettingIsOneSentenceForScanAndCheck() {
    Cli r = scan(Map.of("MAILCHECK_DNSBL", "nodots"), "192.0.2.0/30");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertEquals("mailcheck: MAILCHECK_DNSBL: 'nodots' is not a blocklist zone; give zones such as zen.spamhaus.org,bl.spamcop.net.\n", r.err());
    Cli c = Cli.run(Map.of("MAILCHECK_SPAMHAUS_DQS_KEY", "bad key!"), "check", "example.com", "--dns", dns.dnsArg());
    assertEquals(Main.BAD_INPUT, c.exit(), c.toString());
    assertEquals("mailcheck: MAILCHECK_SPAMHAUS_DQS_KEY is not a Spamhaus DQS key (8 to 63 letters and digits); check it for typos.\n", c.err());
  }
}
