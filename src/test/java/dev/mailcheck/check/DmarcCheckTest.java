package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.describe;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.links;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.testing.WorldFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every {@code dmarc.*} finding with its severity, through the engine, in-process on DNS worlds. */
class DmarcCheckTest {

  private static Report check(String zone, String target) {
    try (WorldFixture dns = WorldFixture.of(zone, "dmarc")) {
      return dns.check(target);
    }
  }

  private static Report check(DnsWorld world, String target) {
    try (WorldFixture dns = WorldFixture.of(world, "dmarc")) {
      return dns.check(target);
    }
  }

  @Test
  void enforcingRecordWithOwnReportsIsOk() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\"\n", "example.com");
    Finding ok = assertFinding(r, "dmarc.ok", Severity.PASS);
    assertEquals("dmarc", ok.check());
    assertEquals("example.com", ok.subject());
    assertTrue(summary(ok).contains("p=reject") && summary(ok).contains("mailto:dmarc@example.com"), summary(ok));
    assertEquals(List.of("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\""), evidence(ok));
    assertEquals(1, r.findings().size(), describe(r));
    assertFalse(links(ok).isEmpty());
  }

  @Test
  void noRecordAnywhereIsMissingWithARecordToPublish() {
    Report r = check("mail.example.com. A 192.0.2.1\n", "mail.example.com");
    Finding f = assertFinding(r, "dmarc.missing", Severity.FAIL);
    assertEquals("mail.example.com", f.subject());
    assertTrue(fix(f).contains("_dmarc.example.com. TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.com\""), fix(f));
    // Both names were looked at, and the evidence says so.
    assertTrue(evidence(f).contains("_dmarc.mail.example.com. TXT: NXDOMAIN"), evidence(f).toString());
    assertTrue(evidence(f).contains("_dmarc.example.com. TXT: NXDOMAIN"), evidence(f).toString());
    assertTrue(summary(f, Lang.KO).contains("DMARC 레코드가 없습니다"), summary(f, Lang.KO));
  }

  @Test
  void aSubdomainInheritsTheOrganizationalDomainsRecord() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com\"\n", "shop.example.com");
    Finding f = assertFinding(r, "dmarc.inherited", Severity.INFO);
    assertEquals("shop.example.com", f.subject());
    assertTrue(summary(f).contains("example.com") && summary(f).contains("sp=quarantine"), summary(f));
    assertFinding(r, "dmarc.ok", Severity.PASS);
    assertNone(r, "dmarc.missing");
  }

  @Test
  void coKrDomainsInheritFromTheRegisteredNameNotTheSuffix() {
    DnsWorld world = new DnsWorld().records("""
        _dmarc.example.co.kr. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.co.kr"
        _dmarc.co.kr.         TXT "v=DMARC1; p=reject"
        """);
    try (WorldFixture dns = WorldFixture.of(world, "dmarc")) {
      Report r = dns.check("mail.example.co.kr");
      Finding f = assertFinding(r, "dmarc.inherited", Severity.INFO);
      assertTrue(summary(f).contains("example.co.kr"), summary(f));
      assertEquals(1, dns.count("_dmarc.example.co.kr.", Type.TXT));
      assertEquals(0, dns.count("_dmarc.co.kr.", Type.TXT), "co.kr is a public suffix, never an organization");
    }
  }

  @Test
  void anUnknownTldUsesTheListsDefaultRule() {
    Report r = check("_dmarc.good.example. TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@good.example\"\n", "mail.good.example");
    assertFinding(r, "dmarc.inherited", Severity.INFO);
    assertFinding(r, "dmarc.ok", Severity.PASS);
  }

  @Test
  void bothNamesAreAskedAtOnce() {
    DnsWorld world = new DnsWorld().records("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:d@example.com\"\n")
        .latency(Duration.ofMillis(300));
    Report r = check(world, "shop.example.com");
    assertFinding(r, "dmarc.inherited", Severity.INFO);
    // Two questions of 300 ms each, one round trip: far less than 600 ms.
    assertEquals(2, r.dnsQueries().size(), r.dnsQueries().toString());
    assertTrue(r.elapsedMs() < 550, "elapsed " + r.elapsedMs() + " ms");
  }

  @Test
  void aTimeoutIsCouldNotCheckNeverMissing() {
    DnsWorld world = new DnsWorld().records("example.com. A 192.0.2.1\n").fault("_dmarc.example.com", Type.TXT, Fault.TIMEOUT);
    Report r = check(world, "example.com");
    Finding f = assertFinding(r, "dns.timeout", Severity.ERROR);
    assertEquals("dmarc", f.check());
    assertEquals("_dmarc.example.com. TXT", f.subject());
    assertNone(r, "dmarc.missing");
  }

  @Test
  void aTimeoutAtTheOrganizationalDomainIsCouldNotCheckToo() {
    DnsWorld world = new DnsWorld().records("example.com. A 192.0.2.1\n").fault("_dmarc.example.com", Type.TXT, Fault.SERVFAIL);
    Report r = check(world, "shop.example.com");
    assertFinding(r, "dns.servfail", Severity.ERROR);
    assertNone(r, "dmarc.missing");
  }

  @Test
  void aTimeoutAtTheOrganizationalDomainDoesNotMatterWhenTheDomainHasItsOwn() {
    DnsWorld world = new DnsWorld().records("_dmarc.shop.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:d@example.com\"\n")
        .fault("_dmarc.example.com", Type.TXT, Fault.SERVFAIL);
    Report r = check(world, "shop.example.com");
    assertFinding(r, "dmarc.ok", Severity.PASS);
    assertNone(r, "dns.servfail");
  }

  @Test
  void twoRecordsAreMultiple() {
    Report r = check("""
        _dmarc.example.com. TXT "v=DMARC1; p=none"
        _dmarc.example.com. TXT "v=DMARC1; p=reject"
        _dmarc.example.com. TXT "some-verification=abc"
        """, "example.com");
    Finding f = assertFinding(r, "dmarc.multiple", Severity.FAIL);
    assertTrue(summary(f).contains("2 DMARC records"), summary(f));
    assertEquals(2, evidence(f).size());
    assertNone(r, "dmarc.ok");
  }

  @Test
  void anUnusableRecordIsSyntaxWithTheReason() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=block; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.syntax", Severity.FAIL);
    assertTrue(summary(f).contains("p=block is not none, quarantine or reject"), summary(f));
    assertTrue(fix(f).contains("_dmarc.example.com. TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.com\""), fix(f));
    assertNone(r, "dmarc.ok");
  }

  @Test
  void aRecordNotStartingWithVIsIgnoredByReceivers() {
    Report r = check("_dmarc.example.com. TXT \"p=reject; v=DMARC1\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.syntax", Severity.FAIL);
    assertEquals("ignored", f.variant());
    assertNone(r, "dmarc.missing");
  }

  @Test
  void badOptionalTagsAreAWarningAndTheRestStillCounts() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; pct=150; adkim=x; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.syntax", Severity.WARN);
    assertEquals("tag", f.variant());
    assertTrue(summary(f).contains("pct=150") && summary(f).contains("adkim=x"), summary(f));
    assertTrue(evidence(f).contains("pct=150: expected 0-100"), evidence(f).toString());
    assertNone(r, "dmarc.ok");
    assertNone(r, "dmarc.pct-partial");
  }

  @Test
  void policyNoneIsInformation() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=none; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.policy-none", Severity.INFO);
    assertTrue(fix(f).contains("p=quarantine"), fix(f));
    assertFinding(r, "dmarc.ok", Severity.PASS);
  }

  @Test
  void anInheritedSubdomainPolicyOfNoneIsWhatApplies() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com\"\n", "shop.example.com");
    assertFinding(r, "dmarc.policy-none", Severity.INFO);
  }

  @Test
  void subdomainPolicyNoneUnderAnEnforcingPolicy() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.policy-none", Severity.INFO);
    assertEquals("subdomains", f.variant());
  }

  @Test
  void pctBelow100IsPartial() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=quarantine; pct=25; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.pct-partial", Severity.INFO);
    assertTrue(summary(f).contains("25%"), summary(f));
    assertNull(f.variant());
  }

  @Test
  void dmarcbisTestingFlagIsPartialToo() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject; t=y; rua=mailto:d@example.com\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.pct-partial", Severity.INFO);
    assertEquals("testing", f.variant());
  }

  @Test
  void noRuaIsAWarning() {
    Report r = check("_dmarc.example.com. TXT \"v=DMARC1; p=reject\"\n", "example.com");
    Finding f = assertFinding(r, "dmarc.no-rua", Severity.WARN);
    assertTrue(fix(f).contains("rua=mailto:dmarc@example.com"), fix(f));
    assertNone(r, "dmarc.ok");
  }

  @Test
  void anExternalReportAddressWithoutAuthorizationIsUnauthorized() {
    try (WorldFixture dns = WorldFixture.of("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:r@reports.vendor.example\"\n", "dmarc")) {
      Report r = dns.check("example.com");
      Finding f = assertFinding(r, "dmarc.rua-unauthorized", Severity.WARN);
      assertEquals("example.com._report._dmarc.reports.vendor.example", f.subject());
      assertTrue(fix(f).contains("example.com._report._dmarc.reports.vendor.example. TXT \"v=DMARC1\""), fix(f));
      assertTrue(summary(f).contains("rua=mailto:r@reports.vendor.example"), summary(f));
      assertEquals(1, dns.count("example.com._report._dmarc.reports.vendor.example.", Type.TXT));
      assertNone(r, "dmarc.ok");
    }
  }

  @Test
  void anExternalReportAddressWithItsAuthorizationIsFine() {
    Report r = check("""
        _dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:r@vendor.example; ruf=mailto:f@vendor.example"
        example.com._report._dmarc.vendor.example. TXT "v=DMARC1"
        """, "example.com");
    assertFinding(r, "dmarc.ok", Severity.PASS);
    assertNone(r, "dmarc.rua-unauthorized");
  }

  @Test
  void aWildcardAuthorizationCounts() {
    Report r = check("""
        _dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:r@vendor.example"
        *._report._dmarc.vendor.example. TXT "v=DMARC1"
        """, "example.com");
    assertFinding(r, "dmarc.ok", Severity.PASS);
  }

  @Test
  void anAuthorizationThatIsNotDmarc1DoesNotCount() {
    Report r = check("""
        _dmarc.example.com. TXT "v=DMARC1; p=reject; ruf=mailto:f@vendor.example; rua=mailto:d@example.com"
        example.com._report._dmarc.vendor.example. TXT "hello"
        """, "example.com");
    Finding f = assertFinding(r, "dmarc.rua-unauthorized", Severity.WARN);
    assertTrue(summary(f).contains("ruf=mailto:f@vendor.example"), summary(f));
  }

  @Test
  void aReportAddressInASubdomainOfTheSameOrganizationNeedsNoAuthorization() {
    try (WorldFixture dns = WorldFixture.of("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:d@reports.example.com\"\n", "dmarc")) {
      Report r = dns.check("example.com");
      assertFinding(r, "dmarc.ok", Severity.PASS);
      assertEquals(0, dns.count("example.com._report._dmarc.reports.example.com.", Type.TXT));
    }
  }

  @Test
  void anAuthorizationQuestionThatTimesOutIsCouldNotCheck() {
    DnsWorld world = new DnsWorld().records("_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:r@vendor.example\"\n")
        .fault("example.com._report._dmarc.vendor.example", Type.TXT, Fault.TIMEOUT);
    Report r = check(world, "example.com");
    assertFinding(r, "dns.timeout", Severity.ERROR);
    assertNone(r, "dmarc.rua-unauthorized");
    assertNone(r, "dmarc.ok");
  }

  @Test
  void noQuestionIsAskedTwice() {
    try (WorldFixture dns = WorldFixture.of("""
        _dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:a@vendor.example,mailto:b@vendor.example; ruf=mailto:c@vendor.example"
        """, "dmarc")) {
      dns.check("shop.example.com");
      assertEquals(1, dns.count("example.com._report._dmarc.vendor.example.", Type.TXT));
      assertEquals(1, dns.count("_dmarc.example.com.", Type.TXT));
    }
  }
}
