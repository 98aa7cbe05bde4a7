package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
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

/** Every {@code bimi.*} finding: an in-process DNS world and the logo served over HTTPS by a test CA. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BimiCheckTest {
  private static final String HOST = "brand.example.com. A 127.0.0.1\n";
  private static final String LOGO = "https://brand.example.com/logo.svg";
  private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\"><title>Example</title></svg>";

  @TempDir
  Path dir;

  private HttpsFixture https;

  @BeforeEach
  void start() {
    https = HttpsFixture.start(dir, "brand.example.com");
  }

  @AfterEach
  void stop() {
    https.close();
  }

  private Report run(String zone, CheckOptions options) throws Exception {
    try (WorldFixture dns = WorldFixture.of(zone, "bimi")) {
      return dns.engine().withHttp(https.settings()).run(new TargetParser(true).parse("example.com"), options);
    }
  }

  private Report run(String record) throws Exception {
    return run(HOST + "default._bimi.example.com. TXT \"" + record + "\"\n", HttpsFixture.options());
  }

  @Test
  void aLogoThatAnswersAsSvgWithACertificatePassesAndSaysDmarcMustEnforce() throws Exception {
    https.serve("brand.example.com", "/logo.svg", "image/svg+xml", SVG);
    Finding f = assertFinding(run("v=BIMI1; l=" + LOGO + "; a=https://brand.example.com/vmc.pem"), "bimi.ok", Severity.PASS);
    assertTrue(summary(f).contains("p=quarantine or p=reject"), summary(f));
    assertTrue(summary(f, Lang.KO).contains("p=quarantine"), summary(f, Lang.KO));
  }

  @Test
  void withoutACertificateItIsInformation() throws Exception {
    https.serve("brand.example.com", "/logo.svg", "image/svg+xml; charset=utf-8", "<?xml version=\"1.0\"?>" + SVG);
    Finding f = assertFinding(run("v = BIMI1 ; l = " + LOGO + " ;"), "bimi.ok", Severity.INFO);
    assertEquals("no-evidence", f.variant());
    assertTrue(fix(f).contains("a=https://example.com/bimi/vmc.pem"), fix(f));
  }

  @Test
  void skippingHttpLeavesTheLogoUnfetched() throws Exception {
    Report r = run(HOST + "default._bimi.example.com. TXT \"v=BIMI1; l=" + LOGO + "\"\n", HttpsFixture.options("http"));
    Finding f = assertFinding(r, "bimi.ok", Severity.INFO);
    assertEquals("unverified", f.variant());
    assertEquals(0, https.requests());
  }

  @Test
  void noRecordIsInformation() throws Exception {
    Report r = run(HOST, HttpsFixture.options());
    Finding f = assertFinding(r, "bimi.missing", Severity.INFO);
    assertTrue(summary(f).contains("p=quarantine or p=reject"), summary(f));
    assertTrue(fix(f).contains("default._bimi.example.com \"v=BIMI1; l=https://example.com/bimi/logo.svg; a=\""), fix(f));
  }

  @Test
  void anEmptyLogoDeclines() throws Exception {
    Finding f = assertFinding(run("v=BIMI1; l=; a=;"), "bimi.missing", Severity.INFO);
    assertEquals("declined", f.variant());
  }

  @Test
  void anHttpLogoIsInvalid() throws Exception {
    Finding f = assertFinding(run("v=BIMI1; l=http://brand.example.com/logo.svg"), "bimi.invalid", Severity.WARN);
    assertTrue(summary(f).contains("not an https URL"), summary(f));
  }

  @Test
  void twoRecordsAreInvalid() throws Exception {
    Report r = run(HOST + "default._bimi.example.com. TXT \"v=BIMI1; l=" + LOGO + "\"\n"
        + "default._bimi.example.com. TXT \"v=BIMI1; l=https://brand.example.com/other.svg\"\n", HttpsFixture.options());
    assertEquals("multiple", assertFinding(r, "bimi.invalid", Severity.WARN).variant());
  }

  @Test
  void aMissingLogoIsUnreachableWithItsStatus() throws Exception {
    Finding f = assertFinding(run("v=BIMI1; l=" + LOGO), "bimi.logo-unreachable", Severity.WARN);
    assertEquals("status", f.variant());
    assertTrue(summary(f).contains("404"), summary(f));
  }

  @Test
  void aPngIsNotAnSvgLogo() throws Exception {
    https.serve("brand.example.com", "/logo.svg", "image/png", "\u0089PNG");
    Finding f = assertFinding(run("v=BIMI1; l=" + LOGO), "bimi.logo-unreachable", Severity.WARN);
    assertEquals("not-svg", f.variant());
    assertTrue(summary(f).contains("image/png"), summary(f));
  }

  @Test
  void aLogoHostWithACertificateForAnotherNameIsATlsFailure() throws Exception {
    https.serve("other.example.org", "/logo.svg", "image/svg+xml", SVG);
    Report r = run("other.example.org. A 127.0.0.1\ndefault._bimi.example.com. TXT \"v=BIMI1; l=https://other.example.org/logo.svg\"\n",
        HttpsFixture.options());
    Finding f = assertFinding(r, "bimi.logo-unreachable", Severity.WARN);
    assertEquals("tls", f.variant());
  }

  @Test
  void aLogoHostWithoutAddressIsUnreachable() throws Exception {
    Finding f = assertFinding(run(HOST + "default._bimi.example.com. TXT \"v=BIMI1; l=https://gone.example.com/logo.svg\"\n",
        HttpsFixture.options()), "bimi.logo-unreachable", Severity.WARN);
    assertEquals(null, f.variant());
  }

  @Test
  void aServfailIsAnErrorNeverMissing() throws Exception {
    try (WorldFixture dns = WorldFixture.of(HOST, "bimi")) {
      dns.world().fault("default._bimi.example.com", Fault.SERVFAIL);
      Report r = dns.engine().withHttp(https.settings()).run(new TargetParser(true).parse("example.com"), HttpsFixture.options());
      assertFinding(r, "dns.servfail", Severity.ERROR);
      assertNone(r, "bimi.missing");
    }
  }
}
