package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.ids;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.WorldDnsClient;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.RdapFixture;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner check and the PTR fix that uses it, through {@link Engine#run}: DNS from an in-process
 * world, RDAP from MockWebServer over HTTPS on 127.0.0.1 answering like APNIC (a KT address),
 * like APNIC mirroring KRNIC (a hosting company's second-level allocation) and like ARIN (an AWS
 * address), reached through {@code MAILCHECK_RDAP_URL}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnerCheckTest {
  private static final String KT_IP = "121.134.5.25";
  private static final String HOSTING_IP = "211.43.200.7";
  private static final String AWS_IP = "3.34.10.20";

  private static final String ZONE = RdapFixture.ZONE + """
      example.kr.                                MX  10 mail.example.kr.
      mail.example.kr.                           A   121.134.5.25
      25.5.134.121.origin.asn.cymru.com.         TXT "4766 | 121.128.0.0/10 | KR | apnic | 2006-11-29"
      7.200.43.211.origin.asn.cymru.com.         TXT "4766 | 211.32.0.0/11 | KR | apnic | 1998-01-01"
      20.10.34.3.in-addr.arpa.                   PTR mail.aws-example.com.
      20.10.34.3.origin.asn.cymru.com.           TXT "16509 | 3.32.0.0/11 | US | arin | 2017-01-01"
      mail.aws-example.com.                      A   3.34.10.99
      """;

  @TempDir
  Path dir;

  private RdapFixture rdap;
  private final DnsWorld world = new DnsWorld().records(ZONE);

  @BeforeEach
  void start() throws Exception {
    rdap = new RdapFixture(dir).answer(KT_IP, "apnic-kt.json").answer(HOSTING_IP, "krnic-hosting.json").answer(AWS_IP, "arin-aws.json");
  }

  @AfterEach
  void stop() throws Exception {
    rdap.close();
  }

  private Engine engine(boolean allowPrivate) {
    return new Engine((deadline, trace) -> new WorldDnsClient(world, Duration.ofMillis(250), trace), Checks.only("ptr", "owner"),
        Clock.systemUTC(), rdap.probes(allowPrivate));
  }

  private static CheckOptions options(Duration timeout, String... skip) {
    return new CheckOptions(null, null, List.of(), Set.of(skip), timeout, Lang.EN);
  }

  private static Report run(Engine engine, String target, CheckOptions options) throws Exception {
    return engine.run(new TargetParser(true).parse(target), options);
  }

  private Report run(String target) throws Exception {
    return run(engine(true), target, options(Duration.ofSeconds(10)));
  }

  @Test
  void aKtAddressNamesKtAndTheDmsStepsInBothLanguages() throws Exception {
    Report r = run(KT_IP);
    Finding owner = assertFinding(r, "owner.identified", Severity.INFO);
    assertEquals("owner", owner.check());
    assertEquals(KT_IP, owner.subject());
    assertEquals(null, owner.variant());
    String s = summary(owner);
    assertTrue(s.contains("KT") && s.contains("121.128.0.0 - 121.191.255.255") && s.contains("KR") && s.contains("AS4766"), s);
    String f = fix(owner);
    assertTrue(f.contains("https://dms.kornet.net/reverse") && f.contains(KT_IP) && f.contains("WHOIS privacy"), f);
    assertTrue(evidence(owner).stream().anyMatch(l -> l.contains("KOREA TELECOM") && l.contains("description")), evidence(owner).toString());
    assertTrue(evidence(owner).contains("25.5.134.121.origin.asn.cymru.com. TXT \"4766 | 121.128.0.0/10 | KR | apnic | 2006-11-29\""),
        evidence(owner).toString());
    String ko = fix(owner, Lang.KO);
    assertTrue(ko.contains("KT DNS Management Service") && ko.contains("WHOIS 관리자 이메일") && ko.contains(KT_IP), ko);

    // The PTR check waited for the same lookup: its fix is KT's route.
    Finding ptr = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertEquals("owner", ptr.variant());
    assertTrue(summary(ptr).contains("KT holds the address"), summary(ptr));
    assertTrue(fix(ptr).contains("DNS Management Service (https://dms.kornet.net/reverse)") && fix(ptr).contains("<your mail host name, e.g. mail.example.com>"), fix(ptr));
    assertTrue(fix(ptr, Lang.KO).contains("리버스 도메인(PTR)"), fix(ptr, Lang.KO));
    assertEquals(1, rdap.requests(), "one RDAP question for the two checks");
  }

  @Test
  void withADomainThePtrValueIsTheMailHostTheRunFound() throws Exception {
    Report r = run(engine(true), "example.kr", options(Duration.ofSeconds(10)).withFrom(InetAddress.getByName(KT_IP)));
    Finding ptr = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertTrue(fix(ptr).contains("the mail host name mail.example.kr"), fix(ptr));
    // The owner wording keeps `named`'s arguments in place: {1} is the mail host that already resolves to the IP.
    assertEquals("owner", ptr.variant());
    assertEquals(List.of(KT_IP, "mail.example.kr"), ptr.args().subList(0, 2));
    assertTrue(fix(ptr, Lang.KO).contains("mail.example.kr"), fix(ptr, Lang.KO));
    assertTrue(fix(assertFinding(r, "owner.identified", Severity.INFO)).contains("mail.example.kr"));
  }

  @Test
  void aHostingCompanysSecondLevelAllocationSendsYouToThatCompany() throws Exception {
    Report r = run(HOSTING_IP);
    Finding owner = assertFinding(r, "owner.identified", Severity.INFO);
    assertTrue(summary(owner).contains("Example Hosting Co., Ltd.") && summary(owner).contains("AS4766"), summary(owner));
    assertTrue(fix(owner).contains("ask Example Hosting Co., Ltd., your hosting company or IDC"), fix(owner));
    assertTrue(evidence(owner).stream().anyMatch(l -> l.contains("KRNIC")), evidence(owner).toString());
    Finding ptr = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertTrue(fix(ptr).contains("Example Hosting Co., Ltd.") && !fix(ptr).contains("dms.kornet.net"), fix(ptr));
  }

  @Test
  void anAwsAddressTakesItsAsFromTheArinAnswerAndNamesElasticIpReverseDns() throws Exception {
    Report r = run(AWS_IP);
    Finding owner = assertFinding(r, "owner.identified", Severity.INFO);
    assertTrue(summary(owner).contains("held by AWS") && summary(owner).contains("AS16509"), summary(owner));
    // ARIN's network has no country: the origin-AS answer's is used.
    assertTrue(summary(owner).contains("country US"), summary(owner));
    assertTrue(fix(owner).contains("Elastic IP") && fix(owner).contains("modify-address-attribute"), fix(owner));
    assertTrue(evidence(owner).stream().anyMatch(l -> l.contains("Amazon Technologies Inc.") && l.contains("registrant")), evidence(owner).toString());
    Finding ptr = assertFinding(r, "ptr.mismatch", Severity.FAIL);
    assertEquals("owner", ptr.variant());
    assertTrue(fix(ptr).contains("mail.aws-example.com") && fix(ptr).contains("Elastic IP"), fix(ptr));
    // The links shown are AWS's page (in the fix) and the receivers' pages: never KT's PTR page or KISA WHOIS.
    assertEquals(List.of(), urls(ptr).stream().filter(u -> u.contains("kornet") || u.contains("kisa")).toList(), urls(ptr).toString());
    assertEquals(List.of(), urls(owner).stream().filter(u -> u.contains("kornet") || u.contains("kisa")).toList(), urls(owner).toString());
  }

  private static List<String> urls(Finding f) {
    return dev.mailcheck.playbook.Catalog.bundled().view(f, Lang.EN).links().stream().map(dev.mailcheck.report.Link::url).toList();
  }

  @Test
  void answersAreCachedPerNetworkForTheEnginesLifetime() throws Exception {
    Engine engine = engine(true);
    run(engine, KT_IP, options(Duration.ofSeconds(10)));
    assertEquals(1, rdap.requests());
    Report again = run(engine, KT_IP, options(Duration.ofSeconds(10)));
    // Another address of the same network: answered from the cached network too.
    Report neighbour = run(engine, "121.134.5.26", options(Duration.ofSeconds(10)));
    assertEquals(1, rdap.requests(), "the second and third runs asked nothing");
    assertTrue(evidence(assertFinding(again, "owner.identified", Severity.INFO)).get(0).contains("answered earlier"));
    Finding n = assertFinding(neighbour, "owner.identified", Severity.INFO);
    assertEquals("no-asn", n.variant(), "no origin AS record for the neighbour in the world");
    assertTrue(summary(n).contains("KT"), summary(n));
  }

  @Test
  void notFoundAndServerErrorsAreErrorsNeverAGuess() throws Exception {
    rdap.respond("198.18.0.1", new MockResponse().setResponseCode(500).setBody("oops"));
    Report notFound = run("121.200.0.1");
    Finding f = assertFinding(notFound, "owner.unidentified", Severity.ERROR);
    assertTrue(summary(f).contains("answered 404"), summary(f));
    assertTrue(summary(f, Lang.KO).contains("404 응답"), summary(f, Lang.KO));
    assertNone(notFound, "owner.identified");
    Finding ptr = assertFinding(notFound, "ptr.missing", Severity.FAIL);
    assertEquals(null, ptr.variant(), "the generic fix stands");

    Report broken = run("198.18.0.1");
    assertTrue(summary(assertFinding(broken, "owner.unidentified", Severity.ERROR)).contains("answered HTTP 500"));
  }

  @Test
  void aRedirectToTheRegistryThatHoldsTheDataIsFollowed() throws Exception {
    // RFC 7480 §5.2: a registry sends the client on to the one that holds the data.
    rdap.respond("121.134.5.26", new MockResponse().setResponseCode(302).setHeader("Location", "/ip/121.134.5.25"));
    Finding f = assertFinding(run("121.134.5.26"), "owner.identified", Severity.INFO);
    assertTrue(summary(f).contains("held by KT"), summary(f));
    assertTrue(evidence(f).get(0).contains("/ip/121.134.5.25"), "the URL that answered: " + evidence(f));
    assertEquals(2, rdap.requests());
  }

  @Test
  void anAnswerThatIsNotAnIpNetworkIsAnError() throws Exception {
    rdap.respond("121.200.0.2", new MockResponse().setHeader("Content-Type", "application/rdap+json")
        .setBody("{\"objectClassName\":\"entity\",\"handle\":\"X\"}"));
    Finding f = assertFinding(run("121.200.0.2"), "owner.unidentified", Severity.ERROR);
    assertTrue(summary(f).contains("not an RDAP IP network (objectClassName is 'entity')"), summary(f));
  }

  @Test
  void aSilentRegistryIsReportedInTimeAndThePtrFindingKeepsItsGenericFix() throws Exception {
    rdap.respond("121.200.0.3", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Report r = run(engine(true), "121.200.0.3", options(Duration.ofSeconds(2)));
    Finding f = assertFinding(r, "owner.unidentified", Severity.ERROR);
    assertTrue(summary(f).contains("did not answer within"), summary(f));
    Finding ptr = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertEquals(null, ptr.variant());
    // Holder unknown: KT's PTR page stays among the links (most Korean fixed IPs are KT's).
    assertTrue(urls(ptr).contains("https://dms.kornet.net/reverse"), urls(ptr).toString());
    assertNone(r, "check.incomplete");
  }

  @Test
  void theSsrfGuardRefusesAnRdapServerOnLoopbackUnlessAllowed() throws Exception {
    Report r = run(engine(false), KT_IP, options(Duration.ofSeconds(10)));
    Finding f = assertFinding(r, "owner.unidentified", Severity.ERROR);
    assertTrue(summary(f).contains("special-use address") && summary(f).contains("MAILCHECK_ALLOW_PRIVATE"), summary(f));
    assertEquals(0, rdap.requests(), "nothing connected");
  }

  @Test
  void skippingRdapOrTheOwnerCheckAsksNoRegistry() throws Exception {
    // RDAP is its own probe family: --skip http (MTA-STS and BIMI fetches) leaves it in.
    for (String skip : new String[] {"rdap", "owner"}) {
      Report r = run(engine(true), KT_IP, options(Duration.ofSeconds(10), skip));
      assertEquals(List.of("ptr.missing"), ids(r), skip);
      assertEquals(null, r.findings().get(0).variant());
    }
    assertEquals(0, rdap.requests());
  }

  @Test
  void aSpecialUseAddressHasNoRegistryWhenTheBootstrapIsUsed() throws Exception {
    Engine engine = new Engine((deadline, trace) -> new WorldDnsClient(world, Duration.ofMillis(250), trace), Checks.only("owner"),
        Clock.systemUTC(), ProbeSettings.DEFAULTS);
    Report r = run(engine, "192.0.2.7", options(Duration.ofSeconds(5)));
    Finding f = assertFinding(r, "owner.unidentified", Severity.INFO);
    assertEquals("no-service", f.variant());
    assertEquals("No registry answers for 192.0.2.7: it is a special-use address (documentation), of which registries hold no record.",
        summary(f));
    assertTrue(summary(f, Lang.KO).contains("특수 용도 주소(documentation)"), summary(f, Lang.KO));
  }
}
