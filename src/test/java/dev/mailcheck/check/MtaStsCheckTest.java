package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.HttpsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** Every {@code mtasts.*} finding: an in-process DNS world and the policy served over HTTPS by a test CA. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MtaStsCheckTest {
  private static final String HOSTS = """
      example.com.           MX   10 mx1.example.com.
      example.com.           MX   20 mx2.example.com.
      mx1.example.com.       A    192.0.2.1
      mx2.example.com.       A    192.0.2.2
      mta-sts.example.com.   A    127.0.0.1
      """;
  private static final String RECORD = "_mta-sts.example.com. TXT \"v=STSv1; id=20261203T1\"\n";
  private static final String PATH = "/.well-known/mta-sts.txt";
  private static final String URL = "https://mta-sts.example.com" + PATH;

  @TempDir
  Path dir;

  private HttpsFixture https;

  @BeforeEach
  void start() {
    https = HttpsFixture.start(dir, "mta-sts.example.com");
  }

  @AfterEach
  void stop() {
    https.close();
  }

  private Report run(String zone, CheckOptions options) throws Exception {
    try (WorldFixture dns = WorldFixture.of(zone, "mtasts")) {
      Report r = dns.engine().withHttp(https.settings()).run(new TargetParser(true).parse("example.com"), options);
      // Nothing is asked twice in a run: the fetch's address lookups come from the run's cache.
      for (String q : new String[] {"_mta-sts.example.com/16", "mta-sts.example.com/1", "example.com/15"}) {
        String[] p = q.split("/");
        assertTrue(dns.count(p[0], Integer.parseInt(p[1])) <= 1, q + " asked more than once");
      }
      return r;
    }
  }

  private Report run(String zone) throws Exception {
    return run(zone, HttpsFixture.options());
  }

  private void policy(String body) {
    https.serve("mta-sts.example.com", PATH, "text/plain", body);
  }

  @Test
  void enforcedPolicyCoveringEveryMxPasses() throws Exception {
    policy("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.example.com\nmax_age: 604800\n");
    Report r = run(HOSTS + RECORD);
    Finding ok = assertFinding(r, "mtasts.ok", Severity.PASS);
    assertEquals(null, ok.variant());
    assertTrue(summary(ok).contains("enforce") && summary(ok).contains("2 MX"), summary(ok));
    assertTrue(evidence(ok).contains("GET " + URL + " -> 200 text/plain"), evidence(ok).toString());
    assertEquals(1, https.requests());
  }

  @Test
  void testingModeIsInformationWithTheStepToEnforce() throws Exception {
    policy("version: STSv1\r\nmode: testing\r\nmx: *.example.com\r\nmax_age: 86400\r\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.ok", Severity.INFO);
    assertEquals("testing", f.variant());
    assertTrue(fix(f).contains("mode: enforce") && fix(f).contains(URL), fix(f));
  }

  @Test
  void modeNoneIsInformation() throws Exception {
    policy("version: STSv1\nmode: none\nmax_age: 86400\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.ok", Severity.INFO);
    assertEquals("none", f.variant());
  }

  @Test
  void noRecordIsInformationAndTheFixNamesTheRecordAndThePolicyForTheRealMxHosts() throws Exception {
    Report r = run(HOSTS);
    Finding f = assertFinding(r, "mtasts.missing", Severity.INFO);
    String fix = fix(f);
    assertTrue(fix.contains("_mta-sts.example.com \"v=STSv1; id="), fix);
    assertTrue(fix.contains(URL) && fix.contains("mx: mx1.example.com\nmx: mx2.example.com\nmax_age: 604800"), fix);
    assertTrue(fix(f, Lang.KO).contains("mx: mx2.example.com"), fix(f, Lang.KO));
    assertEquals(0, https.requests());
  }

  @Test
  void otherTxtRecordsAtTheNameAreNotAPolicy() throws Exception {
    assertFinding(run(HOSTS + "_mta-sts.example.com. TXT \"v=spf1 -all\"\n"), "mtasts.missing", Severity.INFO);
  }

  @Test
  void skippingHttpSaysThePolicyWasNotFetched() throws Exception {
    Report r = run(HOSTS + RECORD, HttpsFixture.options("http"));
    Finding f = assertFinding(r, "mtasts.ok", Severity.INFO);
    assertEquals("unverified", f.variant());
    assertTrue(summary(f).contains("--skip http"), summary(f));
    assertNone(r, "mtasts.missing");
    assertEquals(0, https.requests());
  }

  @Test
  void aBadIdIsAnInvalidRecord() throws Exception {
    Finding f = assertFinding(run(HOSTS + "_mta-sts.example.com. TXT \"v=STSv1; id=2026-12-03\"\n"), "mtasts.record-invalid", Severity.WARN);
    assertTrue(summary(f).contains("1 to 32 letters and digits"), summary(f));
    assertTrue(fix(f).contains("_mta-sts.example.com"), fix(f));
  }

  @Test
  void twoRecordsAreInvalid() throws Exception {
    Finding f = assertFinding(run(HOSTS + RECORD + "_mta-sts.example.com. TXT \"v=STSv1; id=2\"\n"), "mtasts.record-invalid", Severity.WARN);
    assertEquals("multiple", f.variant());
  }

  @Test
  void aMissingPolicyFileIsUnreachableWithItsStatus() throws Exception {
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.policy-unreachable", Severity.WARN);
    assertEquals("status", f.variant());
    assertTrue(summary(f).contains("404"), summary(f));
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    https.serve("mta-sts.example.com", PATH, new MockResponse().setResponseCode(301).setHeader("Location", "https://www.example.com/mta-sts.txt"));
    https.serve("www.example.com", "/mta-sts.txt", "text/plain", "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n");
    Finding f = assertFinding(run(HOSTS + RECORD + "www.example.com. A 127.0.0.1\n"), "mtasts.policy-unreachable", Severity.WARN);
    assertEquals("redirect", f.variant());
    assertTrue(summary(f).contains("https://www.example.com/mta-sts.txt"), summary(f));
    assertEquals(1, https.requests());
  }

  @Test
  void aCertificateForAnotherNameIsATlsFailure(@TempDir Path otherDir) throws Exception {
    try (HttpsFixture other = HttpsFixture.start(otherDir, "www.example.net")) {
      other.serve("mta-sts.example.com", PATH, "text/plain", "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n");
      try (WorldFixture dns = WorldFixture.of(HOSTS + RECORD, "mtasts")) {
        Report r = dns.engine().withHttp(other.settings()).run(new TargetParser(true).parse("example.com"), HttpsFixture.options());
        Finding f = assertFinding(r, "mtasts.policy-unreachable", Severity.WARN);
        assertEquals("tls", f.variant());
        assertTrue(fix(f).contains("mta-sts.example.com"), fix(f));
      }
    }
  }

  @Test
  void aPolicyHostWithoutAddressIsUnreachable() throws Exception {
    Finding f = assertFinding(run(HOSTS.replace("mta-sts.example.com.   A    127.0.0.1\n", "") + RECORD), "mtasts.policy-unreachable", Severity.WARN);
    assertEquals(null, f.variant());
    assertTrue(summary(f).contains("no address"), summary(f));
  }

  @Test
  void aPolicyOver64KibIsNotRead() throws Exception {
    policy("version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n" + "x-pad: " + "a".repeat(70 * 1024) + "\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.policy-unreachable", Severity.WARN);
    assertEquals(null, f.variant());
    assertTrue(summary(f).contains("larger than mailcheck reads"), summary(f));
  }

  @Test
  void aPolicyWithABadModeIsInvalid() throws Exception {
    policy("version: STSv1\nmode: enforcing\nmx: *.example.com\nmax_age: 86400\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.policy-invalid", Severity.WARN);
    assertTrue(summary(f).contains("enforcing"), summary(f));
    assertTrue(fix(f).contains("mx: mx1.example.com"), fix(f));
  }

  @Test
  void aPolicyServedAsHtmlIsInvalid() throws Exception {
    https.serve("mta-sts.example.com", PATH, "text/html", "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.policy-invalid", Severity.WARN);
    assertTrue(summary(f).contains("text/html"), summary(f));
  }

  @Test
  void anEnforcedPolicyMissingAnMxHostFailsAndTheFixNamesTheLineToAdd() throws Exception {
    policy("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 86400\n");
    Finding f = assertFinding(run(HOSTS + RECORD), "mtasts.mx-mismatch", Severity.FAIL);
    assertTrue(summary(f).contains("mx2.example.com") && !summary(f).contains("mx1.example.com"), summary(f));
    assertTrue(fix(f).contains("mx: mx2.example.com") && fix(f).contains("_mta-sts.example.com"), fix(f));
  }

  @Test
  void aWildcardCoversOneLabelOnly() throws Exception {
    policy("version: STSv1\nmode: testing\nmx: *.example.com\nmax_age: 86400\n");
    String zone = """
        example.com.           MX   10 a.b.example.com.
        a.b.example.com.       A    192.0.2.1
        mta-sts.example.com.   A    127.0.0.1
        """;
    Finding f = assertFinding(run(zone + RECORD), "mtasts.mx-mismatch", Severity.WARN);
    assertEquals("testing", f.variant());
    assertTrue(summary(f).contains("a.b.example.com"), summary(f));
  }

  @Test
  void aFailedQuestionIsAnErrorNeverMissing() throws Exception {
    try (WorldFixture dns = WorldFixture.of(HOSTS + RECORD, "mtasts")) {
      dns.world().fault("_mta-sts.example.com", Type.TXT, Fault.SERVFAIL);
      Report r = dns.engine().withHttp(https.settings()).run(new TargetParser(true).parse("example.com"), HttpsFixture.options());
      assertFinding(r, "dns.servfail", Severity.ERROR);
      assertNone(r, "mtasts.missing");
    }
  }
}
