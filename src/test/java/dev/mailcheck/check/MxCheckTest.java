package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.all;
import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.describe;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.links;
import static dev.mailcheck.testing.Findings.only;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Type;

/** Every {@code mx.*} finding, through {@link Engine#run}, against loopback worlds. */
class MxCheckTest {

  /**
   * The MX check alone: when the mail-host lookup fails, the PTR check reports the same failure in
   * its own area (see PtrCheckTest), which these scenarios do not count.
   */
  private static final dev.mailcheck.check.CheckOptions MX_ONLY = new dev.mailcheck.check.CheckOptions(null, null,
      java.util.List.of(), java.util.Set.of("smtp", "http", "rdap", "spf", "ptr"), java.time.Duration.ofSeconds(10),
      dev.mailcheck.playbook.Lang.EN);

  /** Runs only the MX check (and the checks named), in-process on the zone's world. */
  private static Report check(String zone, String target, String... also) {
    List<String> checks = new java.util.ArrayList<>(List.of("mx"));
    checks.addAll(List.of(also));
    try (WorldFixture dns = WorldFixture.of(zone, checks.toArray(String[]::new))) {
      return dns.check(target);
    }
  }

  @Test
  void mxOk() {
    Report r = check("""
        example.com.             MX   10 mail.example.com.
        mail.example.com.        A    192.0.2.10
        mail.example.com.        AAAA 2001:db8::10
        10.2.0.192.in-addr.arpa. PTR  mail.example.com.
        """, "example.com");
    Finding ok = assertFinding(r, "mx.ok", Severity.PASS);
    assertEquals("mx", ok.check());
    assertEquals("example.com", ok.subject());
    assertTrue(summary(ok).contains("example.com") && summary(ok).contains("1 mail host"), summary(ok));
    assertTrue(evidence(ok).contains("example.com. MX 10 mail.example.com."), evidence(ok).toString());
    assertTrue(evidence(ok).contains("mail.example.com. A 192.0.2.10"), evidence(ok).toString());
    assertTrue(evidence(ok).contains("mail.example.com. AAAA 2001:db8::10"), evidence(ok).toString());
    assertNull(fix(ok));
    assertEquals("domain", r.target().kind());
    assertTrue(r.sendingIps().assumed());
    assertTrue(r.sendingIps().addresses().contains("192.0.2.10"));
  }

  @Test
  void mxMissingWithNoAddressFails() {
    Report r = check("example.com. TXT \"v=spf1 -all\"\n", "example.com");
    Finding f = assertFinding(r, "mx.missing", Severity.FAIL);
    assertEquals("example.com", f.subject());
    assertNotNull(fix(f));
    assertTrue(fix(f).contains("example.com. MX 10 mail.example.com."), fix(f));
    assertEquals(List.of("example.com. MX: NODATA"), evidence(f));
    assertFalse(links(f).isEmpty());
    assertEquals(Severity.FAIL, r.verdict());
  }

  @Test
  void aNameThatDoesNotExistIsDomainNonexistentNotMxMissing() {
    Report r = check("other.example. A 192.0.2.1\n", "missing.example.com");
    Finding f = assertFinding(r, "domain.nonexistent", Severity.FAIL);
    assertEquals("mx", f.check());
    assertEquals(List.of("missing.example.com. MX: NXDOMAIN"), evidence(f));
    assertNone(r, "mx.missing");
  }

  @Test
  void hostWithAnAddressButNoMxIsTheImplicitMx() {
    Report r = check("""
        mail.example.com.        A    192.0.2.20
        20.2.0.192.in-addr.arpa. PTR  mail.example.com.
        """, "mail.example.com", "ptr");
    Finding f = assertFinding(r, "mx.missing", Severity.INFO);
    assertTrue(summary(f).contains("192.0.2.20"), summary(f));
    assertTrue(summary(f).contains("implicit MX"), summary(f));
    assertTrue(evidence(f).contains("mail.example.com. A 192.0.2.20"), evidence(f).toString());
    assertEquals("host", r.target().kind());
    // The host's address is treated as the sender and its PTR checked.
    assertFinding(r, "ptr.ok", Severity.PASS);
    assertEquals(Severity.PASS, r.verdict());
  }

  @Test
  void nullMx() {
    Report r = check("nomail.example.com. MX 0 .\nnomail.example.com. A 192.0.2.1\n", "nomail.example.com");
    Finding f = assertFinding(r, "mx.null", Severity.FAIL);
    assertTrue(summary(f).contains("RFC 7505"), summary(f));
    assertTrue(evidence(f).get(0).contains("MX 0 ."), evidence(f).toString());
    assertNone(r, "mx.missing");
    assertNone(r, "mx.ok");
  }

  @Test
  void mxTargetCname() {
    Report r = check("""
        example.org.           MX    10 alias.example.org.
        alias.example.org.     CNAME real.hosting.example.
        real.hosting.example.  A     192.0.2.60
        60.2.0.192.in-addr.arpa. PTR real.hosting.example.
        """, "example.org");
    Finding f = assertFinding(r, "mx.target-cname", Severity.WARN);
    assertEquals("alias.example.org", f.subject());
    assertEquals(List.of("alias.example.org. CNAME real.hosting.example."), evidence(f));
    assertFinding(r, "mx.ok", Severity.PASS);
    assertEquals(Severity.WARN, r.verdict());
  }

  @Test
  void mxTargetIpLiteral() {
    Report r = check("example.com. MX 10 192.0.2.1.\n", "example.com");
    Finding f = assertFinding(r, "mx.target-ip-literal", Severity.FAIL);
    assertEquals("192.0.2.1", f.subject());
    assertTrue(summary(f).contains("192.0.2.1") && summary(f).contains("example.com"), summary(f));
    assertNone(r, "mx.ok");
    assertNone(r, "mx.target-unresolvable");
  }

  @Test
  void unresolvableHostWarnsWhenAnotherHostWorks() {
    Report r = check("""
        example.com.             MX   10 mail.example.com.
        example.com.             MX   20 gone.example.com.
        mail.example.com.        A    192.0.2.10
        10.2.0.192.in-addr.arpa. PTR  mail.example.com.
        """, "example.com");
    Finding f = assertFinding(r, "mx.target-unresolvable", Severity.WARN);
    assertEquals("gone.example.com", f.subject());
    assertEquals(List.of("gone.example.com. A: NXDOMAIN", "gone.example.com. AAAA: NXDOMAIN"), evidence(f));
    Finding ok = assertFinding(r, "mx.ok", Severity.PASS);
    assertTrue(summary(ok).contains("1 mail host"), summary(ok));
  }

  @Test
  void unresolvableHostFailsWhenNoHostWorks() {
    Report r = check("""
        example.com.       MX   10 gone.example.com.
        example.com.       MX   20 alsogone.example.com.
        alsogone.example.com. TXT "no address here"
        """, "example.com");
    assertEquals(2, all(r, "mx.target-unresolvable").size(), describe(r));
    all(r, "mx.target-unresolvable").forEach(f -> assertEquals(Severity.FAIL, f.severity()));
    assertTrue(evidence(only(r, "mx.target-unresolvable", "alsogone.example.com")).contains("alsogone.example.com. A: NODATA"));
    assertNone(r, "mx.ok");
    assertEquals(Severity.FAIL, r.verdict());
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"TIMEOUT", "SERVFAIL", "REFUSED"})
  void failedMxQuestionIsAnErrorNeverMissing(Fault fault) {
    DnsWorld world = new DnsWorld().records("example.com. MX 10 mail.example.com.\nmail.example.com. A 192.0.2.10\n")
        .fault("example.com", Type.MX, fault);
    try (WorldFixture dns = WorldFixture.of(world, "mx")) {
      Report r = dns.check("example.com", MX_ONLY);
      String id = "dns." + fault.name().toLowerCase(java.util.Locale.ROOT);
      Finding f = assertFinding(r, id, Severity.ERROR);
      assertEquals("mx", f.check());
      assertEquals("example.com. MX", f.subject());
      assertTrue(summary(f).contains("example.com. MX"), summary(f));
      assertTrue(evidence(f).get(0).startsWith("example.com. MX: " + fault.name()), evidence(f).toString());
      assertNone(r, "mx.missing");
      assertNone(r, "mx.ok");
      assertEquals(Severity.ERROR, r.verdict());
    }
  }

  @Test
  void failedAddressQuestionOfAnMxHostIsAnErrorNotUnresolvable() {
    DnsWorld world = new DnsWorld().records("example.com. MX 10 mail.example.com.\nmail.example.com. A 192.0.2.10\n")
        .fault("mail.example.com", Type.A, Fault.TIMEOUT);
    try (WorldFixture dns = WorldFixture.of(world, "mx")) {
      Report r = dns.check("example.com", MX_ONLY);
      Finding f = assertFinding(r, "dns.timeout", Severity.ERROR);
      assertEquals("mail.example.com. A", f.subject());
      assertNone(r, "mx.target-unresolvable");
      assertNone(r, "mx.missing");
    }
  }

  @Test
  void failedImplicitMxFallbackIsAnErrorNotMissing() {
    DnsWorld world = new DnsWorld().records("host.example.com. TXT \"x\"\n")
        .fault("host.example.com", Type.A, Fault.SERVFAIL);
    try (WorldFixture dns = WorldFixture.of(world, "mx")) {
      Report r = dns.check("host.example.com", MX_ONLY);
      Finding f = assertFinding(r, "dns.servfail", Severity.ERROR);
      assertEquals("host.example.com. A", f.subject());
      assertNone(r, "mx.missing");
    }
  }

  @Test
  void nullMxMixedWithOtherMxWarnsAndIsNotLookedUpAsAHost() {
    Report r = check("""
        mixed.example.com.        MX   0 .
        mixed.example.com.        MX   10 mail.example.com.
        mail.example.com.         A    192.0.2.10
        10.2.0.192.in-addr.arpa.  PTR  mail.example.com.
        """, "mixed.example.com");
    Finding f = assertFinding(r, "mx.null", Severity.WARN);
    assertTrue(summary(f).contains("together with other MX records"), summary(f));
    assertTrue(fix(f).contains("MX 0 ."), fix(f));
    assertTrue(summary(assertFinding(r, "mx.ok", Severity.PASS)).contains("1 mail host"));
    assertNone(r, "mx.target-unresolvable");
  }

  @Test
  void aHostNamedTwiceIsOneHost() {
    Report r = check("""
        dup.example.com.          MX   10 mail.example.com.
        dup.example.com.          MX   20 MAIL.example.com.
        mail.example.com.         A    192.0.2.10
        10.2.0.192.in-addr.arpa.  PTR  mail.example.com.
        """, "dup.example.com");
    Finding ok = assertFinding(r, "mx.ok", Severity.PASS);
    assertTrue(summary(ok).contains("1 mail host"), summary(ok));
    assertEquals(1, evidence(ok).stream().filter(e -> e.equals("mail.example.com. A 192.0.2.10")).count(), evidence(ok).toString());
  }

  @Test
  void truncatedAnswersAreCompletedOverTcp() {
    DnsWorld world = new DnsWorld().records("example.com. MX 10 mail.example.com.\nmail.example.com. A 192.0.2.10\n")
        .fault("example.com", Type.MX, Fault.TRUNCATE);
    try (DnsFixture dns = DnsFixture.start(world)) {
      Report r = dns.check("example.com", MX_ONLY);
      assertFinding(r, "mx.ok", Severity.PASS);
      assertTrue(r.dnsQueries().stream().anyMatch(q -> q.name().equals("example.com.") && q.type().equals("MX") && q.viaTcp()),
          r.dnsQueries().toString());
    }
  }

  @Test
  void truncatedAnswerWithTcpRefusedIsAnErrorNotMissing() {
    DnsWorld world = new DnsWorld().records("example.com. MX 10 mail.example.com.\nmail.example.com. A 192.0.2.10\n")
        .fault("example.com", Type.MX, Fault.TRUNCATE_NO_TCP);
    try (DnsFixture dns = DnsFixture.start(world)) {
      Report r = dns.check("example.com", MX_ONLY);
      assertEquals("example.com. MX", assertFinding(r, "dns.error", Severity.ERROR).subject());
      assertNone(r, "mx.missing");
    }
  }
}
