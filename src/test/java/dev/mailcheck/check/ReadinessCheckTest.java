package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.readiness.Readiness;
import dev.mailcheck.readiness.Requirements;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import dev.mailcheck.testing.WorldFixture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Provider readiness on in-process worlds: it runs after the MX, SPF, DKIM, DMARC and PTR checks and reads their
 * findings; a requirement is met, missed, or not checked (no check of this build, skipped, failed),
 * never met for want of an answer.
 */
class ReadinessCheckTest {
  private static final String HEALTHY = """
      example.com.            MX  10 mail.example.com.
      mail.example.com.       A   192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      example.com.            TXT "v=spf1 mx -all"
      _dmarc.example.com.     TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      s1._domainkey.example.com. TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu4HPDhFZUOd3V8b2DsvHOH4GfU38qNoWEK5vt49iDtxY9DGcIcZJ6SNcnNwYM/jtWckOA/F7XLBoSZwRU5t7+1MfgGNtnRT/5aosFgBn1+e1hTdE+aLd44s7FHFRXQQafpX6ko9wWcyYXMAPE90JVVDSbDryrS7ls8f/VpPwQiWHEeKeJ0vpPtkIFRUG4m0S/" "dpCR1dfpDhYMVwSm40RN8v9QC3459rrFRqSLrvTlJVfjYvTsqHf2Has3MVRLyjG69f1Q9smge2JoXfBBAH+eg5s3Nugh84BZ0jjFGiqv9ZHdH1BhsRwpBpQA5YAWPbdK0Pgag8doNz+lGvyH35CpQIDAQAB"
      """;

  private static final String K1024 = "\"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDK+Rn5Ek1TFKToKRBUJ5iOPcGWaUe7Q6fzcUwCkJdaRPYlhnPqRDRCCergA6bc3Ule2gp99mFd7gCINWSm9H7HRDlikPWjohgztPBJhMhTl9FjfxGGN7pmor1cw0SrZx4h2LzJdmQ02a9bJXXxpxcHffr0f83Us6DfHM4/NYXWCQIDAQAB\"";
  private static final String K512 = "\"v=DKIM1; k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAOx050ZusI4BXhkBYMaiuxuyN31iTHPUw+g4n5oI5/7y+fX7EHiFOcDOW6Wyh3kRq4QIHxTkXUmn1jrhkZpcUi8CAwEAAQ==\"";

  /** MX and PTR in order, no SPF, DMARC published: what DKIM alone decides. */
  private static final String NO_SPF = """
      example.com.            MX  10 mail.example.com.
      mail.example.com.       A   192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      _dmarc.example.com.     TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
      """;

  private static CheckOptions options(String... skip) {
    return new CheckOptions(null, null, List.of(), Set.of(skip), Duration.ofSeconds(5), Lang.EN);
  }

  private static Report run(DnsWorld world, String target, CheckOptions options) {
    try (WorldFixture dns = WorldFixture.of(world, "mx", "spf", "dkim", "dmarc", "ptr", "readiness")) {
      return dns.check(target, options);
    }
  }

  private static Report run(String zone, String target, String... skip) {
    return run(new DnsWorld().records(zone), target, options(skip));
  }

  @Test
  void metWhenTheFindingsShowIt() {
    Report r = run(HEALTHY, "example.com");
    Finding daum = assertFinding(r, "readiness.daum", Severity.PASS);
    assertEquals("ready", daum.variant());
    assertEquals("example.com", daum.subject());
    assertEquals(List.of("[met] an SPF record that passes (spf.ok example.com)",
        "[met] a PTR that resolves back to the sending IP (ptr.ok 192.0.2.10)"), evidence(daum));
    assertEquals("Daum: every requirement mailcheck can check is met (2 met, 0 that only you can check).", summary(daum));
  }

  @Test
  void aRequirementWhoseCheckWasLeftOutIsNotCheckedNeverMet() {
    Report r;
    try (WorldFixture dns = WorldFixture.of(new DnsWorld().records(HEALTHY), "mx", "spf", "dkim", "dmarc", "ptr", "smtp", "readiness")) {
      r = dns.check("example.com", options("smtp"));
    }
    Finding gmail = assertFinding(r, "readiness.gmail", Severity.INFO);
    assertEquals("incomplete", gmail.variant());
    assertTrue(evidence(gmail).contains("[met] SPF or DKIM on every message (spf.ok example.com)"), evidence(gmail).toString());
    assertTrue(evidence(gmail).contains("[not checked] TLS (STARTTLS) on the connection: its check was left out (--skip)"),
        evidence(gmail).toString());
    assertTrue(evidence(gmail).contains("[not checked] user-reported spam below 0.3%: only you can see this "
        + "(in the receiver's postmaster tools or your own mail)"), evidence(gmail).toString());
    assertEquals(Severity.PASS, r.verdict(), "a requirement not checked is worth knowing, not a problem");
  }

  /** A build without the check a requirement names (here: no SMTP check) says so, and never counts it met. */
  @Test
  void aRequirementNoCheckOfTheBuildLooksAtIsNotCheckedNeverMet() {
    Readiness readiness = new Readiness(Requirements.bundled(), Set.of("mx", "spf", "ptr", "dkim", "dmarc"));
    List<Finding> found = List.of(finding("spf.ok", "spf", "example.com"), finding("ptr.ok", "ptr", "192.0.2.10"),
        finding("dkim.ok", "dkim", "s1._domainkey.example.com"), finding("dmarc.ok", "dmarc", "example.com"));
    Readiness.Verdict gmail = readiness.assess("gmail", found, Set.of());
    assertEquals("incomplete", gmail.variant(), gmail.toString());
    Readiness.Row tls = gmail.rows().stream().filter(row -> row.requirement().id().equals("tls")).findFirst().orElseThrow();
    assertEquals(Readiness.Status.NOT_CHECKED, tls.status());
    assertEquals(Readiness.Reason.NOT_IN_BUILD, tls.reason());
  }

  @Test
  void dkimAndDmarcFindingsMeetTheirRequirements() {
    Report r = run(HEALTHY, "example.com");
    Finding naver = assertFinding(r, "readiness.naver", Severity.PASS);
    assertEquals("ready", naver.variant());
    assertTrue(evidence(naver).contains("[met] a DKIM signature (dkim.ok s1._domainkey.example.com)"), evidence(naver).toString());
    assertTrue(evidence(naver).stream().anyMatch(l -> l.startsWith("[met] a DMARC record (p=none is enough), bulk senders (dmarc.ok ")),
        evidence(naver).toString());
    Finding yahoo = assertFinding(r, "readiness.yahoo", Severity.PASS);
    assertTrue(evidence(yahoo).contains("[met] a DKIM key of at least 1024 bits (dkim.ok s1._domainkey.example.com)"), evidence(yahoo).toString());
  }

  @Test
  void withoutSpfDkimAloneDecidesGmailsSpfOrDkim() {
    // A 1024-bit key: weak (warn), yet at least the 1024 bits Yahoo asks for, and a signature Gmail accepts.
    Report weak = run(NO_SPF + "selector1._domainkey.example.com. TXT " + K1024 + "\n", "example.com");
    Finding gmail = assertFinding(weak, "readiness.gmail", Severity.WARN);
    assertTrue(evidence(gmail).contains("[met] SPF or DKIM on every message (dkim.key-weak selector1._domainkey.example.com)"),
        evidence(gmail).toString());
    Finding yahoo = assertFinding(weak, "readiness.yahoo", Severity.WARN);
    assertTrue(evidence(yahoo).contains("[met] a DKIM key of at least 1024 bits (dkim.key-weak selector1._domainkey.example.com)"),
        evidence(yahoo).toString());
    // A 512-bit key: verifiers must not accept it (RFC 8301 §3.2), so DKIM is missed too, and with it "SPF or DKIM".
    Report broken = run(NO_SPF + "k1._domainkey.example.com. TXT " + K512 + "\n", "example.com");
    Finding yahooBroken = assertFinding(broken, "readiness.yahoo", Severity.FAIL);
    assertTrue(evidence(yahooBroken).contains("[missed] a DKIM key of at least 1024 bits (dkim.key-weak k1._domainkey.example.com)"),
        evidence(yahooBroken).toString());
    Finding gmailBroken = assertFinding(broken, "readiness.gmail", Severity.FAIL);
    assertTrue(evidence(gmailBroken).contains("[missed] SPF or DKIM on every message (spf.missing example.com, dkim.key-weak k1._domainkey.example.com)"),
        evidence(gmailBroken).toString());
  }

  @Test
  void onlyBulkSenderRequirementsMissedIsAWarning() {
    Report r = run(NO_SPF, "example.com");
    Finding outlook = assertFinding(r, "readiness.outlook", Severity.WARN);
    assertEquals("bulk", outlook.variant());
    assertTrue(evidence(outlook).contains("[missed] an SPF record that passes, bulk senders (spf.missing example.com)"),
        evidence(outlook).toString());
    // "SPF or DKIM": SPF is missed, but no guessed selector having a key proves nothing (dkim.not-found), so the alternative stays open.
    assertFinding(r, "dkim.not-found", Severity.WARN);
    Finding gmail = assertFinding(r, "readiness.gmail", Severity.WARN);
    assertTrue(evidence(gmail).contains("[not checked] SPF or DKIM on every message: its check found nothing that tells"),
        evidence(gmail).toString());
  }

  @Test
  void aCheckThatCouldNotFinishLeavesItsRequirementNotChecked() {
    DnsWorld world = new DnsWorld().records(HEALTHY).fault("10.2.0.192.in-addr.arpa.", Type.PTR, Fault.SERVFAIL);
    Report r = run(world, "example.com", options());
    Finding daum = assertFinding(r, "readiness.daum", Severity.INFO);
    assertTrue(evidence(daum).contains("[not checked] a PTR that resolves back to the sending IP: its check could not finish "
        + "(dns.servfail 10.2.0.192.in-addr.arpa. PTR)"), evidence(daum).toString());
    assertFalse(evidence(daum).stream().anyMatch(l -> l.startsWith("[met] a PTR")), evidence(daum).toString());
  }

  @Test
  void aSkippedCheckLeavesItsRequirementNotChecked() {
    Report r = run(HEALTHY, "example.com", "ptr");
    Finding daum = assertFinding(r, "readiness.daum", Severity.INFO);
    assertTrue(evidence(daum).contains("[not checked] a PTR that resolves back to the sending IP: its check was left out (--skip)"),
        evidence(daum).toString());
  }

  @Test
  void withEveryOtherCheckSkippedThereIsNothingToRead() {
    Report r = run(HEALTHY, "example.com", "mx", "spf", "dkim", "dmarc", "ptr");
    assertEquals(List.of(), r.findings());
    assertEquals(Severity.ERROR, r.verdict(), "nothing checked is never a clean pass");
  }

  @Test
  void checksThatTimeOutAreStillReadBeforeTheRunEnds() {
    DnsWorld world = new DnsWorld().records(HEALTHY).fault("example.com.", Type.TXT, Fault.TIMEOUT).latency("example.com.", Duration.ofSeconds(30));
    CheckOptions shortRun = new CheckOptions(null, null, List.of(), Set.of(), Duration.ofMillis(800), Lang.EN);
    Report r = run(world, "example.com", shortRun);
    Finding gmail = assertFinding(r, "readiness.gmail", gmailSeverity(r));
    assertFalse(evidence(gmail).stream().anyMatch(l -> l.startsWith("[met] SPF or DKIM")), evidence(gmail).toString());
    assertTrue(r.findings().stream().noneMatch(f -> f.check().equals("readiness") && f.id().equals("check.incomplete")), r.findings().toString());
  }

  private static Severity gmailSeverity(Report r) {
    return r.findings().stream().filter(f -> f.id().equals("readiness.gmail")).findFirst().orElseThrow().severity();
  }

  /** A check that lands later (SMTP, for TLS) counts by its finding IDs alone, with no change to readiness. */
  @Test
  void findingsOfChecksAddedLaterPlugInByTheirIds() {
    Readiness readiness = new Readiness(Requirements.bundled(), Set.of("mx", "spf", "ptr", "dkim", "dmarc", "smtp"));
    List<Finding> found = List.of(
        finding("spf.ok", "spf", "example.com"), finding("ptr.ok", "ptr", "192.0.2.10"), finding("dkim.ok", "dkim", "s1._domainkey.example.com"),
        finding("dmarc.missing", "dmarc", "example.com"), finding("smtp.ok", "smtp", "mail.example.com"));
    Readiness.Verdict gmail = readiness.assess("gmail", found, Set.of());
    assertEquals("bulk", gmail.variant(), gmail.toString());
    assertEquals(5, gmail.count(Readiness.Status.MET));
    assertEquals(1, gmail.count(Readiness.Status.MISSED));
    Readiness.Verdict naver = readiness.assess("naver", found, Set.of());
    assertEquals("bulk", naver.variant());
    Readiness.Verdict daum = readiness.assess("daum", found, Set.of());
    assertEquals("ready", daum.variant());
  }

  private static Finding finding(String id, String check, String subject) {
    Severity s = id.endsWith(".ok") ? Severity.PASS : Severity.FAIL;
    return new Finding(id, check, s, subject, null, List.of(), List.<Text>of());
  }
}
