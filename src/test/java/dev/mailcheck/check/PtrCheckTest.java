package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.all;
import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.ids;
import static dev.mailcheck.testing.Findings.links;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.testing.WorldFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every {@code ptr.*} finding for an IP target, through {@link Engine#run}, in-process on DNS worlds. */
class PtrCheckTest {

  /** Runs only the PTR check, in-process on the world. */
  private static Report check(DnsWorld world, String target) {
    try (WorldFixture dns = WorldFixture.of(world, "ptr")) {
      return dns.check(target);
    }
  }

  private static Report check(String zone, String target) {
    return check(new DnsWorld().records(zone), target);
  }

  @Test
  void ptrOkWhenTheNameResolvesBack() {
    Report r = check("""
        5.2.0.192.in-addr.arpa. PTR mail.example.com.
        mail.example.com.       A   192.0.2.5
        """, "192.0.2.5");
    Finding f = assertFinding(r, "ptr.ok", Severity.PASS);
    assertEquals("ptr", f.check());
    assertEquals("192.0.2.5", f.subject());
    assertTrue(summary(f).contains("mail.example.com"), summary(f));
    assertEquals(List.of("5.2.0.192.in-addr.arpa. PTR mail.example.com.", "mail.example.com. A 192.0.2.5"), evidence(f));
    assertEquals(List.of("ptr.ok"), ids(r));
    assertEquals("ip", r.target().kind());
    assertEquals(Severity.PASS, r.verdict());
  }

  @Test
  void missingPtrFixNamesTheMailHostThatAlreadyResolvesToTheIp() {
    Report r = check("""
        no-ptr.example.net.      MX 10 mail.no-ptr.example.net.
        mail.no-ptr.example.net. A  198.51.100.20
        """, "no-ptr.example.net");
    Finding f = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertEquals("named", f.variant());
    assertTrue(fix(f).contains("set its PTR to mail.no-ptr.example.net: that is your mail host and it already resolves to 198.51.100.20"), fix(f));
    assertTrue(!fix(f).contains("example.com"), "no made-up example name: " + fix(f));
    assertEquals("198.51.100.20을 할당한 곳(ISP, 호스팅 업체, 클라우드)에 PTR을 mail.no-ptr.example.net으로 설정해 달라고 요청하세요. "
        + "mail.no-ptr.example.net은 메일 호스트이고 이미 198.51.100.20으로 조회되므로, 다른 것은 바꾸지 않아도 역방향 DNS와 정방향 DNS가 서로 맞게 됩니다. "
        + "PTR은 IP 대역을 보유한 곳만 설정할 수 있습니다.", fix(f, dev.mailcheck.playbook.Lang.KO));
    // Where the PTR is requested (KT's page for KT addresses) comes first, then the receivers' rules.
    List<String> urls = links(f).stream().map(dev.mailcheck.report.Link::url).toList();
    assertEquals("https://dms.kornet.net/reverse", urls.get(0), urls.toString());
    assertTrue(urls.contains("https://postmaster.google.com"), urls.toString());
  }

  @Test
  void mismatchFixFirstNamesTheMailHostThatAlreadyResolvesToTheIp() {
    Report r = check("""
        mismatch.example.org.    MX 10 mx.mismatch.example.org.
        mx.mismatch.example.org. A  198.51.100.30
        30.100.51.198.in-addr.arpa. PTR server30.hosting.example.
        """, "mismatch.example.org");
    Finding f = assertFinding(r, "ptr.mismatch", Severity.FAIL);
    assertEquals("named", f.variant());
    String fix = fix(f);
    assertTrue(fix.startsWith("Ask the IP's holder to change the PTR of 198.51.100.30 to mx.mismatch.example.org"), fix);
    assertTrue(fix.indexOf("mx.mismatch.example.org") < fix.indexOf("add an A/AAAA record for server30.hosting.example"), fix);
    assertTrue(fix(f, dev.mailcheck.playbook.Lang.KO).startsWith("IP 보유자에게 198.51.100.30의 PTR을 mx.mismatch.example.org로 바꿔 달라고 요청하세요."),
        fix(f, dev.mailcheck.playbook.Lang.KO));
    assertEquals("https://dms.kornet.net/reverse", links(f).get(0).url());
  }

  @Test
  void withoutAMailHostForTheIpTheFixSaysWhatNameToUse() {
    Report r = check("example.com. A 192.0.2.1\n", "192.0.2.6");
    Finding f = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertEquals(null, f.variant());
    assertTrue(fix(f).contains("the host name your mail server announces in HELO"), fix(f));
    assertTrue(!fix(f).contains("mail.example.com"), fix(f));
  }

  @Test
  void ptrOkForIpv6() {
    Report r = check("""
        5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR mail6.example.com.
        mail6.example.com. AAAA 2001:db8::25
        """, "2001:db8::25");
    Finding f = assertFinding(r, "ptr.ok", Severity.PASS);
    assertEquals("2001:db8::25", f.subject());
  }

  @Test
  void ptrMissing() {
    Report r = check("example.com. A 192.0.2.1\n", "192.0.2.6");
    Finding f = assertFinding(r, "ptr.missing", Severity.FAIL);
    assertEquals("192.0.2.6", f.subject());
    assertEquals(List.of("6.2.0.192.in-addr.arpa. PTR: NXDOMAIN"), evidence(f));
    assertNotNull(fix(f));
    assertTrue(fix(f).contains("192.0.2.6"), fix(f));
    assertTrue(summary(f).contains("5.7.25"), summary(f));
    assertTrue(links(f).size() > 0);
    assertEquals(Severity.FAIL, r.verdict());
  }

  @Test
  void ptrMismatchWhenTheNameDoesNotResolveBack() {
    Report r = check("""
        7.2.0.192.in-addr.arpa. PTR server7.hosting.example.
        server7.hosting.example. A  192.0.2.99
        """, "192.0.2.7");
    Finding f = assertFinding(r, "ptr.mismatch", Severity.FAIL);
    assertTrue(summary(f).contains("server7.hosting.example"), summary(f));
    assertTrue(evidence(f).contains("server7.hosting.example. A 192.0.2.99"), evidence(f).toString());
    assertNone(r, "ptr.ok");
  }

  @Test
  void ptrMismatchWhenTheNameDoesNotExist() {
    Report r = check("8.2.0.192.in-addr.arpa. PTR ghost.example.\n", "192.0.2.8");
    Finding f = assertFinding(r, "ptr.mismatch", Severity.FAIL);
    assertTrue(evidence(f).contains("ghost.example. A: NXDOMAIN"), evidence(f).toString());
  }

  @Test
  void oneOfSeveralPtrNamesConfirmingIsEnough() {
    Report r = check("""
        9.2.0.192.in-addr.arpa. PTR other.example.
        9.2.0.192.in-addr.arpa. PTR mail.example.com.
        other.example.          A   192.0.2.200
        mail.example.com.       A   192.0.2.9
        """, "192.0.2.9");
    Finding f = assertFinding(r, "ptr.ok", Severity.PASS);
    assertTrue(summary(f).contains("mail.example.com"), summary(f));
    assertNone(r, "ptr.mismatch");
  }

  @Test
  void ptrGenericWhenTheNameHasTheAddressInIt() {
    Report r = check("""
        45.2.0.192.in-addr.arpa. PTR mx192-0-2-45.example.net.
        mx192-0-2-45.example.net. A  192.0.2.45
        """, "192.0.2.45");
    assertFinding(r, "ptr.ok", Severity.PASS);
    Finding g = assertFinding(r, "ptr.generic", Severity.WARN);
    assertEquals("192.0.2.45", g.subject());
    assertTrue(summary(g).contains("mx192-0-2-45.example.net"), summary(g));
    assertEquals(List.of("45.2.0.192.in-addr.arpa. PTR mx192-0-2-45.example.net."), evidence(g));
    assertNotNull(fix(g));
    assertEquals(Severity.WARN, r.verdict());
  }

  @Test
  void failedMailHostLookupIsReportedAmongTheSendingIpsNeverAsNothingToCheck() {
    Report r = check(new DnsWorld().records("example.com. A 192.0.2.1\n").fault("example.com", org.xbill.DNS.Type.MX,
        dev.mailcheck.dns.server.Fault.TIMEOUT), "example.com");
    Finding f = r.findings().stream().filter(x -> x.check().equals("ptr")).findFirst().orElseThrow();
    assertEquals("dns.timeout", f.id());
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("example.com. MX", f.subject());
    assertEquals(Severity.ERROR, r.verdict(), "never 'no problems found' when the senders are unknown");
  }

  @Test
  void ptrGenericWhenTheNameHasAnAccessKeyword() {
    Report r = check("""
        46.2.0.192.in-addr.arpa. PTR adsl-pool-46.isp.example.
        adsl-pool-46.isp.example. A  192.0.2.46
        """, "192.0.2.46");
    Finding g = assertFinding(r, "ptr.generic", Severity.WARN);
    assertTrue(summary(g).contains("the word \"adsl\""), summary(g));
    assertTrue(!summary(g).contains("matched"), "no internal token in the text: " + summary(g));
  }

  @Test
  void aMailServerNameIsNotGeneric() {
    Report r = check("""
        47.2.0.192.in-addr.arpa. PTR smtp.example.com.
        smtp.example.com.        A   192.0.2.47
        """, "192.0.2.47");
    assertNone(r, "ptr.generic");
  }

  @Test
  void forwardLookupTimingOutIsAnErrorNotAMismatch() {
    DnsWorld world = new DnsWorld().records("""
        10.2.0.192.in-addr.arpa. PTR mail.example.com.
        mail.example.com.        A   192.0.2.10
        """).fault("mail.example.com", Type.A, Fault.TIMEOUT);
    Report r = check(world, "192.0.2.10");
    Finding f = assertFinding(r, "dns.timeout", Severity.ERROR);
    assertEquals("ptr", f.check());
    assertEquals("mail.example.com. A", f.subject());
    assertNone(r, "ptr.mismatch");
    assertNone(r, "ptr.ok");
    assertEquals(Severity.ERROR, r.verdict());
  }

  @Test
  void ptrLookupFailingIsAnErrorNotMissing() {
    DnsWorld world = new DnsWorld().records("example.com. A 192.0.2.1\n")
        .fault("11.2.0.192.in-addr.arpa", Fault.SERVFAIL);
    Report r = check(world, "192.0.2.11");
    Finding f = assertFinding(r, "dns.servfail", Severity.ERROR);
    assertEquals("11.2.0.192.in-addr.arpa. PTR", f.subject());
    assertNone(r, "ptr.missing");
  }

  @Test
  void domainWithoutFromChecksEveryMxAddressOnce() {
    Report r = check("""
        example.com.            MX  10 a.example.com.
        example.com.            MX  20 b.example.com.
        a.example.com.          A   192.0.2.1
        b.example.com.          A   192.0.2.1
        b.example.com.          A   192.0.2.2
        1.2.0.192.in-addr.arpa. PTR a.example.com.
        """, "example.com");
    assertEquals(List.of("192.0.2.1", "192.0.2.2"), r.sendingIps().addresses());
    assertTrue(r.sendingIps().assumed());
    assertEquals(2, r.findings().stream().filter(f -> f.check().equals("ptr")).count());
    assertEquals("192.0.2.1", assertFinding(r, "ptr.ok", Severity.PASS).subject());
    assertEquals("192.0.2.2", assertFinding(r, "ptr.missing", Severity.FAIL).subject());
  }

  @Test
  void classlessReverseDelegationThroughACnameIsFollowed() {
    // RFC 2317: the ISP's in-addr.arpa name is a CNAME into the customer's own zone.
    Report r = check("""
        50.2.0.192.in-addr.arpa.       CNAME 50.48-63.2.0.192.in-addr.arpa.
        50.48-63.2.0.192.in-addr.arpa. PTR   50-2-0-192.home.isp.example.
        50-2-0-192.home.isp.example.   A     192.0.2.50
        """, "192.0.2.50");
    Finding ok = assertFinding(r, "ptr.ok", Severity.PASS);
    assertTrue(evidence(ok).contains("50.2.0.192.in-addr.arpa. CNAME 50.48-63.2.0.192.in-addr.arpa."), evidence(ok).toString());
    Finding g = assertFinding(r, "ptr.generic", Severity.WARN);
    assertEquals(List.of("50.48-63.2.0.192.in-addr.arpa. PTR 50-2-0-192.home.isp.example."), evidence(g));
  }

  @Test
  void atMostTenPtrNamesAreFollowed() {
    StringBuilder zone = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      zone.append("60.2.0.192.in-addr.arpa. PTR n").append(i).append(".example.com.\n");
    }
    zone.append("n12.example.com. A 192.0.2.60\n");
    try (WorldFixture dns = WorldFixture.of(zone.toString(), "ptr")) {
      Report r = dns.check("192.0.2.60");
      int asked = 0;
      for (int i = 1; i <= 12; i++) {
        asked += dns.count("n" + i + ".example.com", Type.A);
      }
      assertEquals(PtrCheck.MAX_NAMES, asked);
      assertEquals(1, all(r, "ptr.ok").size() + all(r, "ptr.mismatch").size());
    }
  }
}
