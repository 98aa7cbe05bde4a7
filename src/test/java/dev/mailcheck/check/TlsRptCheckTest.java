package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.testing.WorldFixture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every {@code tlsrpt.*} finding on an in-process DNS world. */
class TlsRptCheckTest {

  private static Report check(String zone) {
    try (WorldFixture dns = WorldFixture.of(zone, "tlsrpt")) {
      Report r = dns.check("example.com");
      assertTrue(dns.count("_smtp._tls.example.com", Type.TXT) <= 1);
      return r;
    }
  }

  @Test
  void aValidRecordPasses() {
    Finding f = assertFinding(check("_smtp._tls.example.com. TXT \"v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example.net/tls\"\n"),
        "tlsrpt.ok", Severity.PASS);
    assertTrue(summary(f).contains("mailto:tls@example.com, https://r.example.net/tls"), summary(f));
  }

  @Test
  void noRecordIsInformationWithTheRecordToPublish() {
    Finding f = assertFinding(check("example.com. TXT \"v=spf1 -all\"\n"), "tlsrpt.missing", Severity.INFO);
    assertTrue(fix(f).contains("_smtp._tls.example.com \"v=TLSRPTv1; rua=mailto:tls-reports@example.com\""), fix(f));
    assertTrue(fix(f, Lang.KO).contains("_smtp._tls.example.com"), fix(f, Lang.KO));
  }

  @Test
  void aRecordWithoutRuaIsInvalid() {
    Finding f = assertFinding(check("_smtp._tls.example.com. TXT \"v=TLSRPTv1;\"\n"), "tlsrpt.invalid", Severity.WARN);
    assertTrue(summary(f).contains("rua is missing"), summary(f));
  }

  @Test
  void anHttpReportAddressIsInvalid() {
    Finding f = assertFinding(check("_smtp._tls.example.com. TXT \"v=TLSRPTv1; rua=http://r.example.net/\"\n"), "tlsrpt.invalid", Severity.WARN);
    assertTrue(summary(f).contains("http://r.example.net/"), summary(f));
  }

  @Test
  void twoRecordsAreInvalid() {
    Finding f = assertFinding(check("""
        _smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:a@example.com"
        _smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:b@example.com"
        """), "tlsrpt.invalid", Severity.WARN);
    assertEquals("multiple", f.variant());
  }

  @Test
  void aTimeoutIsAnErrorNeverMissing() {
    try (WorldFixture dns = WorldFixture.of("example.com. A 192.0.2.1\n", "tlsrpt")) {
      dns.world().fault("_smtp._tls.example.com", Fault.TIMEOUT);
      Report r = dns.check("example.com");
      assertFinding(r, "dns.timeout", Severity.ERROR);
      assertNone(r, "tlsrpt.missing");
    }
  }
}
