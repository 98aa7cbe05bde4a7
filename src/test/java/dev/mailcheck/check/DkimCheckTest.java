package dev.mailcheck.check;

import static dev.mailcheck.testing.DkimKeys.txt;
import static dev.mailcheck.testing.Findings.all;
import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.describe;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.only;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dkim.SelectorGuesses;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.testing.DkimKeys;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every {@code dkim.*} finding with its severity, through the engine, in-process on DNS worlds with keys made here. */
class DkimCheckTest {

  private static CheckOptions selectors(String... s) {
    CheckOptions o = DnsFixture.options();
    return new CheckOptions(o.from(), o.helo(), List.of(s), o.skip(), o.timeout(), o.lang());
  }

  private static Report check(String zone, String target, String... selectors) {
    try (WorldFixture dns = WorldFixture.of(zone, "dkim")) {
      return dns.check(target, selectors(selectors));
    }
  }

  @Test
  void a2048BitKeyIsOk() {
    Report r = check(txt("s1._domainkey.example.com.", "v=DKIM1; k=rsa; p=" + DkimKeys.rsa(2048)), "example.com", "s1");
    Finding ok = assertFinding(r, "dkim.ok", Severity.PASS);
    assertEquals("dkim", ok.check());
    assertEquals("s1._domainkey.example.com", ok.subject());
    assertTrue(summary(ok).contains("RSA, 2048 bits"), summary(ok));
    assertTrue(evidence(ok).get(0).startsWith("s1._domainkey.example.com. TXT \"v=DKIM1; k=rsa; p=MII"), evidence(ok).toString());
    assertEquals(1, r.findings().size(), describe(r));
  }

  @Test
  void anEd25519KeyIsOk() {
    Report r = check(txt("ed._domainkey.example.com.", "v=DKIM1; k=ed25519; p=" + DkimKeys.ed25519()), "example.com", "ed");
    Finding ok = assertFinding(r, "dkim.ok", Severity.PASS);
    assertTrue(summary(ok).contains("Ed25519, 256 bits"), summary(ok));
  }

  @Test
  void a1024BitKeyIsAWarning() {
    Report r = check(txt("k1._domainkey.example.com.", "v=DKIM1; p=" + DkimKeys.rsa(1024)), "example.com", "k1");
    Finding f = assertFinding(r, "dkim.key-weak", Severity.WARN);
    assertTrue(summary(f).contains("1024 bits"), summary(f));
    assertTrue(fix(f).contains("-b 2048") && fix(f).contains("-d example.com"), fix(f));
    assertNone(r, "dkim.ok");
  }

  @Test
  void a512BitKeyFails() {
    Report r = check(txt("old._domainkey.example.com.", "v=DKIM1; p=" + DkimKeys.rsa(512)), "example.com", "old");
    Finding f = assertFinding(r, "dkim.key-weak", Severity.FAIL);
    assertTrue(summary(f).contains("512 bits"), summary(f));
  }

  @Test
  void anEmptyPIsRevokedAndAWarningWhenNothingElseWorks() {
    Report r = check("old._domainkey.example.com. TXT \"v=DKIM1; p=\"\n", "example.com", "old");
    assertFinding(r, "dkim.key-revoked", Severity.WARN);
  }

  @Test
  void aRevokedKeyBesideAWorkingOneIsRotationAndOnlyInformation() {
    Report r = check("old._domainkey.example.com. TXT \"v=DKIM1; p=\"\n"
        + txt("new._domainkey.example.com.", "v=DKIM1; p=" + DkimKeys.rsa(2048)), "example.com", "old", "new");
    assertFinding(r, "dkim.key-revoked", Severity.INFO);
    assertFinding(r, "dkim.ok", Severity.PASS);
  }

  @Test
  void testingFlagIsAWarning() {
    Report r = check(txt("s1._domainkey.example.com.", "v=DKIM1; t=y; p=" + DkimKeys.rsa(2048)), "example.com", "s1");
    assertFinding(r, "dkim.testing", Severity.WARN);
    assertFinding(r, "dkim.ok", Severity.PASS);
  }

  @Test
  void anUnusableRecordIsSyntaxWithTheReason() {
    Report r = check("bad._domainkey.example.com. TXT \"v=DKIM1; k=rsa; p=not*base64\"\n", "example.com", "bad");
    Finding f = assertFinding(r, "dkim.syntax", Severity.FAIL);
    assertTrue(summary(f).contains("p is not valid base64"), summary(f));
    assertTrue(fix(f).contains("bad._domainkey.example.com"), fix(f));
    assertTrue(summary(f, Lang.KO).contains("base64"), summary(f, Lang.KO));
  }

  @Test
  void aGivenSelectorWithoutAKeyIsMissing() {
    Report r = check("example.com. A 192.0.2.1\n", "example.com", "s9");
    Finding f = assertFinding(r, "dkim.selector-missing", Severity.FAIL);
    assertEquals("s9._domainkey.example.com", f.subject());
    assertTrue(fix(f).contains("s9._domainkey.example.com"), fix(f));
    assertEquals(List.of("s9._domainkey.example.com. TXT: NXDOMAIN"), evidence(f));
  }

  @Test
  void aGivenSelectorWithSomethingElseThanAKeyIsSyntaxNotMissing() {
    Report r = check("s1._domainkey.example.com. TXT \"hello\"\n", "example.com", "s1");
    assertFinding(r, "dkim.syntax", Severity.FAIL);
  }

  @Test
  void aSelectorThatIsACnameIsFollowed() {
    Report r = check("selector1._domainkey.example.com. CNAME selector1-example-com._domainkey.tenant.provider.example.\n"
        + txt("selector1-example-com._domainkey.tenant.provider.example.", "v=DKIM1; k=rsa; p=" + DkimKeys.rsa(2048)),
        "example.com", "selector1");
    Finding ok = assertFinding(r, "dkim.ok", Severity.PASS);
    assertTrue(evidence(ok).get(0).contains("CNAME selector1-example-com._domainkey.tenant.provider.example."), evidence(ok).toString());
    assertTrue(evidence(ok).get(1).startsWith("selector1-example-com._domainkey.tenant.provider.example. TXT"), evidence(ok).toString());
  }

  @Test
  void guessingFindsAProviderDefault() {
    Report r = check(txt("google._domainkey.example.com.", "v=DKIM1; k=rsa; p=" + DkimKeys.rsa(2048)), "example.com");
    Finding ok = only(r, "dkim.ok");
    assertEquals("google._domainkey.example.com", ok.subject());
    assertNone(r, "dkim.not-found");
    assertNone(r, "dkim.selector-missing");
  }

  @Test
  void guessingThatFindsNothingSaysItCannotProveAbsenceAndHowToFindTheSelector() {
    Report r = check("example.com. A 192.0.2.1\n", "example.com");
    Finding f = assertFinding(r, "dkim.not-found", Severity.WARN);
    assertTrue(summary(f).contains("cannot prove"), summary(f));
    assertTrue(fix(f).contains("s= tag of the DKIM-Signature header"), fix(f));
    assertTrue(fix(f, Lang.KO).contains("DKIM-Signature 헤더의 s= 태그"), fix(f, Lang.KO));
    assertEquals(1, r.findings().size(), describe(r));
  }

  @Test
  void aWildcardTxtIsNotTakenForAKeyWhenGuessing() {
    Report r = check("*.example.com. TXT \"v=spf1 -all\"\n", "example.com");
    assertFinding(r, "dkim.not-found", Severity.WARN);
    assertNone(r, "dkim.syntax");
  }

  @Test
  void aGuessThatTimesOutIsCouldNotCheckAndNotFoundIsNotClaimed() {
    DnsWorld world = new DnsWorld().records("example.com. A 192.0.2.1\n").fault("selector1._domainkey.example.com", Type.TXT, Fault.TIMEOUT);
    try (WorldFixture dns = WorldFixture.of(world, "dkim")) {
      Report r = dns.check("example.com");
      Finding f = assertFinding(r, "dns.timeout", Severity.ERROR);
      assertEquals("selector1._domainkey.example.com. TXT", f.subject());
      assertNone(r, "dkim.not-found");
    }
  }

  @Test
  void aGivenSelectorThatTimesOutIsCouldNotCheckNeverMissing() {
    DnsWorld world = new DnsWorld().fault("s1._domainkey.example.com", Type.TXT, Fault.SERVFAIL);
    try (WorldFixture dns = WorldFixture.of(world, "dkim")) {
      Report r = dns.check("example.com", selectors("s1"));
      assertFinding(r, "dns.servfail", Severity.ERROR);
      assertNone(r, "dkim.selector-missing");
    }
  }

  @Test
  void everyGuessIsSentBeforeAnyAnswerComesBack() {
    Duration latency = Duration.ofMillis(300);
    DnsWorld world = new DnsWorld().records(txt("s2._domainkey.example.com.", "v=DKIM1; p=" + DkimKeys.rsa(2048))).latency(latency);
    try (WorldFixture dns = WorldFixture.of(world, "dkim")) {
      Report r = dns.check("example.com");
      assertFinding(r, "dkim.ok", Severity.PASS);
      List<String> guesses = SelectorGuesses.bundled();
      assertTrue(guesses.size() >= 20, guesses.toString());
      for (String s : guesses) {
        assertEquals(1, dns.count(s + "._domainkey.example.com.", Type.TXT), s);
      }
      // Each question took the world's latency; asked one after another they would take guesses × 300 ms.
      assertEquals(guesses.size(), r.dnsQueries().size(), r.dnsQueries().toString());
      assertTrue(r.dnsQueries().stream().allMatch(q -> q.elapsedMs() >= latency.toMillis()), r.dnsQueries().toString());
      assertTrue(r.elapsedMs() < 2 * latency.toMillis(), "all at once: " + r.elapsedMs() + " ms for " + guesses.size() + " questions");
    }
  }

  @Test
  void theGuessListHoldsTheProviderDefaults() {
    List<String> g = SelectorGuesses.bundled();
    for (String s : List.of("selector1", "selector2", "google", "default", "k1", "k2", "s1", "s2", "dkim", "mail", "smtp", "20230601")) {
      assertTrue(g.contains(s), s + " in " + g);
    }
    assertEquals(g.size(), g.stream().distinct().count());
  }

  @Test
  void givenSelectorsReplaceTheGuesses() {
    try (WorldFixture dns = WorldFixture.of(txt("google._domainkey.example.com.", "p=" + DkimKeys.rsa(2048)), "dkim")) {
      Report r = dns.check("example.com", selectors("s1"));
      assertFinding(r, "dkim.selector-missing", Severity.FAIL);
      assertEquals(0, dns.count("google._domainkey.example.com.", Type.TXT));
      assertEquals(1, all(r, "dkim.selector-missing").size());
    }
  }
}
