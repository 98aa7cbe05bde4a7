package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.describe;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.only;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.ZoneSigner;
import dev.mailcheck.dnssec.TrustAnchors;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

/**
 * Every {@code dnssec.*} finding on a world whose zones are signed here with dnsjava's
 * {@code DNSSEC.sign}, validated from the world's own root key as the trust anchor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnssecCheckTest {
  private static final String ZONE = """
      signed.example.          MX   10 mx.signed.example.
      mx.signed.example.       A    192.0.2.1
      partial.example.         MX   10 mail.unsigned.example.
      unsigned.example.        MX   10 mail.unsigned.example.
      mail.unsigned.example.   A    192.0.2.2
      expired.example.         MX   10 mx.expired.example.
      mx.expired.example.      A    192.0.2.3
      wrongkey.example.        MX   10 mx.wrongkey.example.
      mx.wrongkey.example.     A    192.0.2.4
      hostbogus.example.       MX   10 mx.expired.example.
      """;

  private static DnsWorld world;
  private static TrustAnchors anchors;

  @BeforeAll
  static void sign() {
    world = new DnsWorld().records(ZONE);
    ZoneSigner signer = new ZoneSigner()
        .zone(".").zone("example.").zone("signed.example.").zone("partial.example.").zone("hostbogus.example.")
        .zone("expired.example.", ZoneSigner.Signing.EXPIRED)
        .zone("wrongkey.example.", ZoneSigner.Signing.WRONG_KEY)
        .unsignedZone("unsigned.example.");
    signer.sign(world, Instant.now());
    anchors = TrustAnchors.of(signer.trustAnchor());
  }

  private static Report check(String domain) throws Exception {
    try (WorldFixture dns = WorldFixture.of(world, "dnssec")) {
      Report r = dns.engine().withTrustAnchors(anchors).run(new TargetParser(true).parse(domain), DnsFixture.options());
      for (var e : r.dnsQueries()) {
        assertEquals(1, r.dnsQueries().stream().filter(q -> q.name().equals(e.name()) && q.type().equals(e.type())).count(),
            () -> e.name() + " " + e.type() + " asked twice");
      }
      return r;
    }
  }

  @Test
  void aSignedDomainWithSignedMxHostsValidates() throws Exception {
    Report r = check("signed.example");
    Finding f = assertFinding(r, "dnssec.ok", Severity.PASS);
    assertTrue(summary(f).contains("1 MX host"), summary(f));
  }

  @Test
  void aSignedDomainWhoseMxHostIsUnsignedIsInformation() throws Exception {
    Finding f = assertFinding(check("partial.example"), "dnssec.ok", Severity.INFO);
    assertEquals("partial", f.variant());
    assertTrue(summary(f).contains("mail.unsigned.example"), summary(f));
  }

  @Test
  void anUnsignedZoneIsInformation() throws Exception {
    Report r = check("unsigned.example");
    assertFinding(r, "dnssec.unsigned", Severity.INFO);
    assertNone(r, "dnssec.bogus");
  }

  @Test
  void expiredSignaturesAreBogus() throws Exception {
    Report r = check("expired.example");
    Finding f = only(r, "dnssec.bogus", "expired.example");
    assertEquals(Severity.FAIL, f.severity(), describe(r));
    assertTrue(fix(f).contains("expired.example") && fix(f).contains("DS"), fix(f));
    assertTrue(summary(f, Lang.KO).contains("SERVFAIL"), summary(f, Lang.KO));
  }

  @Test
  void aKeyTheParentsDsDoesNotNameIsBogus() throws Exception {
    Report r = check("wrongkey.example");
    assertEquals(Severity.FAIL, only(r, "dnssec.bogus", "wrongkey.example").severity(), describe(r));
  }

  @Test
  void aBogusMxHostIsReportedUnderItsName() throws Exception {
    Report r = check("hostbogus.example");
    assertEquals(Severity.FAIL, only(r, "dnssec.bogus", "mx.expired.example").severity(), describe(r));
    assertNone(r, "dnssec.ok");
  }

  @Test
  void aFailedQuestionOnTheWayIsAnErrorNeverBogus() throws Exception {
    DnsWorld faulty = new DnsWorld().records(ZONE);
    ZoneSigner signer = new ZoneSigner().zone(".").zone("example.").zone("signed.example.");
    signer.sign(faulty, Instant.now());
    faulty.fault("signed.example.", Type.DNSKEY, Fault.SERVFAIL);
    try (WorldFixture dns = WorldFixture.of(faulty, "dnssec")) {
      Report r = dns.engine().withTrustAnchors(TrustAnchors.of(signer.trustAnchor()))
          .run(new TargetParser(true).parse("signed.example"), DnsFixture.options());
      assertTrue(r.findings().stream().anyMatch(x -> x.id().equals("dns.servfail") && x.severity() == Severity.ERROR), describe(r));
      assertNone(r, "dnssec.bogus");
    }
  }

  @Test
  void aResolverPathWithoutSignedAnchorKeysIsUnavailableNotBogus() throws Exception {
    // An unsigned world checked from the bundled root anchors: the root's keys come back empty,
    // as through a resolver that strips DNSSEC data.
    try (WorldFixture dns = WorldFixture.of(ZONE, "dnssec")) {
      Report r = dns.check("signed.example");
      Finding f = assertFinding(r, "dnssec.unavailable", Severity.INFO);
      assertTrue(summary(f).contains("without signatures"), summary(f));
      assertNone(r, "dnssec.bogus");
    }
  }

  @Test
  void theBundledRootAnchorsAreIanasKeys() {
    String text = TrustAnchors.root().text();
    assertTrue(text.contains(". 172800 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"), text);
    assertTrue(text.contains(". 172800 IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16"), text);
    assertTrue(new QueryTrace().entries().isEmpty());
  }
}
