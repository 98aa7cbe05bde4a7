package dev.mailcheck.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.testing.RdapFixture;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The PTR routes as data, how a holder is matched to one, how RDAP answers are read and kept. */
class PtrRoutesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

  private static RdapNetwork parse(String file, String ip) throws Exception {
    return RdapParser.parse(URI.create("https://rdap.example/ip/" + ip), RdapFixture.resource(file), InetAddress.getByName(ip));
  }

  @Test
  void everyRouteHasItsTextsInBothLanguagesItsLinkAndItsProvenance() {
    List<String> problems = new ArrayList<>();
    Set<Long> asns = new java.util.HashSet<>();
    for (PtrRoute r : PtrRoutes.bundled().all()) {
      String en = Messages.of(Lang.EN).getOrNull(r.text());
      String ko = Messages.of(Lang.KO).getOrNull(r.text());
      if (en == null || ko == null || en.equals(ko)) {
        problems.add(r.id() + ": " + r.text() + " missing or untranslated");
      } else if (!placeholders(en).equals(placeholders(ko))) {
        problems.add(r.id() + ": placeholders " + placeholders(en) + " vs " + placeholders(ko));
      }
      if (r.link() != null && !Playbook.bundled().has(r.link())) {
        problems.add(r.id() + ": unknown link " + r.link());
      }
      if (r.link() != null && en != null && !en.contains("{3}")) {
        problems.add(r.id() + ": the text does not show its link");
      }
      // Checked against its source on a date, or marked unverified with the reason.
      boolean dated = r.verified() != null && r.verified().matches("\\d{4}-\\d{2}-\\d{2}");
      boolean markedUnverified = r.verified() == null && r.note() != null && r.note().startsWith("unverified:");
      if (r.source() == null || !(dated || markedUnverified)) {
        problems.add(r.id() + ": no source, or neither a verified date nor an unverified note");
      }
      // An AS leads to one route only: the fix must not depend on the order of the file.
      r.asns().forEach(a -> {
        if (!asns.add(a)) {
          problems.add(r.id() + ": AS" + a + " is in two routes");
        }
      });
    }
    assertEquals(List.of(), problems);
  }

  private static Set<String> placeholders(String s) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theHolderIsReadAsEachRegistryWritesIt() throws Exception {
    RdapNetwork kt = parse("apnic-kt.json", "121.134.5.25");
    assertEquals("KOREA TELECOM", kt.holder());
    assertEquals("description", kt.holderFrom());
    assertEquals("KR", kt.country());
    assertEquals("121.128.0.0 - 121.191.255.255", kt.range());
    assertEquals("KRNIC", kt.nationalRegistry(), "APNIC's record names KRNIC's incident team");
    assertEquals(null, kt.asn());

    RdapNetwork aws = parse("arin-aws.json", "3.34.10.20");
    assertEquals("Amazon Technologies Inc.", aws.holder());
    assertEquals("registrant", aws.holderFrom());
    assertEquals(16509L, aws.asn());
    assertEquals(null, aws.nationalRegistry());

    RdapNetwork hosting = parse("krnic-hosting.json", "211.43.200.7");
    assertEquals("Example Hosting Co., Ltd.", hosting.holder());
    assertEquals("KRNIC", hosting.nationalRegistry());
  }

  @Test
  void anAnswerForAnotherNetworkIsRefused() {
    assertThrows(RdapParser.NotRdapException.class, () -> parse("apnic-kt.json", "8.8.8.8"));
  }

  @Test
  void routesFollowTheNameThenTheNationalAllocationThenTheAs() throws Exception {
    PtrRoutes routes = PtrRoutes.bundled();
    assertEquals("kt", routes.routeFor(parse("apnic-kt.json", "121.134.5.25"), null).id());
    // KT announces the hosting company's block (AS4766), but the company sets its PTR.
    assertEquals("hosting", routes.routeFor(parse("krnic-hosting.json", "211.43.200.7"), 4766L).id());
    assertEquals("aws", routes.routeFor(parse("arin-aws.json", "3.34.10.20"), 16509L).id());
    RdapNetwork unnamed = new RdapNetwork(URI.create("https://x/"), "NET-1", "NET-1", InetAddress.getByName("198.51.100.0"),
        InetAddress.getByName("198.51.100.255"), "US", "Some Carrier", "registrant", null, null, null);
    assertEquals("lg-uplus", routes.routeFor(unnamed, 17858L).id(), "an AS alone identifies the ISP");
    assertEquals("other", routes.routeFor(unnamed, 64500L).id());
    assertEquals("other", routes.routeFor(unnamed, null).id());
  }

  @Test
  void theCacheKeepsANetworkForADayWithinItsBound() throws Exception {
    Instant[] now = {Instant.parse("2026-12-03T00:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    RdapCache cache = new RdapCache(clock, Duration.ofDays(1), 2);
    RdapNetwork kt = parse("apnic-kt.json", "121.134.5.25");
    cache.put(kt);
    assertEquals(kt, cache.find(InetAddress.getByName("121.190.0.1")).orElseThrow(), "any address of the network");
    assertTrue(cache.find(InetAddress.getByName("8.8.8.8")).isEmpty());
    cache.put(parse("krnic-hosting.json", "211.43.200.7"));
    cache.put(parse("arin-aws.json", "3.34.10.20"));
    assertEquals(2, cache.size(), "bounded");
    assertTrue(cache.find(InetAddress.getByName("121.134.5.25")).isEmpty(), "the oldest went first");
    now[0] = now[0].plus(Duration.ofHours(25));
    assertTrue(cache.find(InetAddress.getByName("3.34.10.20")).isEmpty(), "expired after a day");
  }

  @Test
  void aBadRdapUrlIsOneSentence() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RdapSettings.from(new dev.mailcheck.config.Config(java.util.Map.of("MAILCHECK_RDAP_URL", "ftp://x"))));
    assertTrue(e.getMessage().startsWith("MAILCHECK_RDAP_URL: 'ftp://x' is not an RDAP base URL"), e.getMessage());
    assertNotEquals(RdapSettings.BOOTSTRAP, RdapSettings.at("http://127.0.0.1:8080"));
    assertEquals("http://127.0.0.1:8080/", RdapSettings.at("http://127.0.0.1:8080").base().orElseThrow().toString());
  }
}
