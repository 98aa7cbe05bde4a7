package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.SmtpFixture;
import dev.mailcheck.testing.WorldFixture;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Every {@code helo.*} finding, in-process on DNS worlds (and one SMTP server on loopback for the banner). */
class HeloCheckTest {
  private static final String WORLD = """
      example.com.              MX 10 mail.example.com.
      mail.example.com.         A  192.0.2.5
      5.2.0.192.in-addr.arpa.   PTR mail.example.com.
      other.example.com.        A  198.51.100.9
      9.100.51.198.in-addr.arpa. PTR 9-100-51-198.dyn.isp.example.
      alias.example.com.        A  192.0.2.5
      """;

  private static CheckOptions options(String helo, String from) throws Exception {
    return new CheckOptions(from == null ? null : InetAddress.getByName(from), helo, List.of(), Set.of("smtp"),
        Duration.ofSeconds(10), Lang.EN);
  }

  private static Report check(DnsWorld world, String target, CheckOptions options, String... checks) {
    try (WorldFixture dns = WorldFixture.of(world, checks.length == 0 ? new String[] {"helo"} : checks)) {
      return dns.check(target, options);
    }
  }

  private static Report check(String helo, String from) throws Exception {
    return check(new DnsWorld().records(WORLD), "example.com", options(helo, from));
  }

  @Test
  void nameThatIsTheSendersForwardConfirmedPtrIsOk() throws Exception {
    Report r = check("mail.example.com", "192.0.2.5");
    Finding f = assertFinding(r, "helo.ok", Severity.PASS);
    assertEquals("mail.example.com", f.subject());
    assertEquals("sending-ips", dev.mailcheck.report.Area.forCheck(f.check()).id());
    assertTrue(summary(f).contains("resolves to the sending IP 192.0.2.5"), summary(f));
    assertEquals(List.of("helo.ok"), r.findings().stream().map(Finding::id).toList());
  }

  @Test
  void thePtrQuestionIsSharedWithThePtrCheck() throws Exception {
    try (WorldFixture dns = WorldFixture.of(new DnsWorld().records(WORLD), "ptr", "helo")) {
      Report r = dns.check("example.com", options("mail.example.com", "192.0.2.5"));
      assertFinding(r, "helo.ok", Severity.PASS);
      assertFinding(r, "ptr.ok", Severity.PASS);
      assertEquals(1, dns.count("5.2.0.192.in-addr.arpa.", Type.PTR));
      assertEquals(1, dns.count("mail.example.com.", Type.A));
    }
  }

  @Test
  void nameWithoutAnAddress() throws Exception {
    Report r = check("nohost.example.com", "192.0.2.5");
    Finding f = assertFinding(r, "helo.unresolvable", Severity.FAIL);
    assertTrue(summary(f).contains("reject_unknown_helo_hostname"), summary(f));
    assertTrue(fix(f).contains("an A record for nohost.example.com pointing to 192.0.2.5"), fix(f));
    assertTrue(fix(f).contains("smtp_helo_name = mail.example.com"), fix(f));
    assertTrue(summary(f, Lang.KO).contains("nohost.example.com"), summary(f, Lang.KO));
  }

  @Test
  void aLocalNameIsToBeReplacedNotPublished() throws Exception {
    for (String local : List.of("localhost.localdomain", "mailserver", "mx.corp.internal", "box.local")) {
      Report r = check(local, "192.0.2.5");
      Finding f = assertFinding(r, "helo.unresolvable", Severity.FAIL);
      assertEquals("local", f.variant(), local);
      assertTrue(fix(f).contains("announce its public name") && fix(f).contains("smtp_helo_name = mail.example.com"), fix(f));
      assertFalse(fix(f).contains("A record for " + local), fix(f));
      assertTrue(fix(f, Lang.KO).contains("smtp_helo_name = mail.example.com"), fix(f, Lang.KO));
    }
    // A name that only looks local in part is an ordinary name without an address.
    assertEquals(null, assertFinding(check("localhost-relay.example.com", "192.0.2.5"), "helo.unresolvable", Severity.FAIL).variant());
  }

  @Test
  void nameThatLeadsElsewhere() throws Exception {
    Report r = check("other.example.com", "192.0.2.5");
    Finding f = assertFinding(r, "helo.mismatch", Severity.WARN);
    assertEquals("address", f.variant());
    assertTrue(summary(f).contains("resolves to 198.51.100.9, not to the sending IP (192.0.2.5)"), summary(f));
    // The fix offers the sender's own PTR name, which the run found.
    assertTrue(fix(f).contains("smtp_helo_name = mail.example.com"), fix(f));
  }

  @Test
  void nameThatResolvesButIsNotThePtrName() throws Exception {
    Report r = check("alias.example.com", "192.0.2.5");
    Finding f = assertFinding(r, "helo.mismatch", Severity.WARN);
    assertEquals("ptr", f.variant());
    assertTrue(summary(f).contains("the PTR of 192.0.2.5 is mail.example.com, not alias.example.com"), summary(f));
    assertTrue(fix(f).contains("set its PTR to alias.example.com"), fix(f));
  }

  @Test
  void senderWithoutPtr() throws Exception {
    Report r = check(new DnsWorld().records("helo.example.com. A 192.0.2.7\n"), "example.com", options("helo.example.com", "192.0.2.7"));
    Finding f = assertFinding(r, "helo.mismatch", Severity.WARN);
    assertEquals("ptr", f.variant());
    assertTrue(summary(f).contains("the PTR of 192.0.2.7 is none (no PTR record)"), summary(f));
  }

  @Test
  void addressLiteralOfTheSender() throws Exception {
    Report r = check("[192.0.2.5]", "192.0.2.5");
    Finding f = assertFinding(r, "helo.ok", Severity.INFO);
    assertEquals("literal", f.variant());
    assertTrue(summary(f).contains("RFC 5321 §4.1.3"), summary(f));
  }

  @Test
  void ipv6AddressLiteral() throws Exception {
    Report r = check(new DnsWorld(), "2001:db8::25", options("[IPv6:2001:db8::25]", null));
    assertEquals("literal", assertFinding(r, "helo.ok", Severity.INFO).variant());
  }

  @Test
  void addressLiteralOfAnotherAddress() throws Exception {
    Report r = check("[198.51.100.9]", "192.0.2.5");
    Finding f = assertFinding(r, "helo.mismatch", Severity.WARN);
    assertEquals("literal", f.variant());
    assertTrue(fix(f).contains("[192.0.2.5]"), fix(f));
  }

  @Test
  void bareAddressIsNotAHeloName() throws Exception {
    Report r = check("192.0.2.5", "192.0.2.5");
    Finding f = assertFinding(r, "helo.mismatch", Severity.FAIL);
    assertEquals("bare-ip", f.variant());
    assertTrue(fix(f).contains("[192.0.2.5]"), fix(f));
  }

  @Test
  void assumedSendersOfADomain() throws Exception {
    // No --from: the domain's mail hosts stand in for the senders.
    Report r = check("mail.example.com", null);
    assertFinding(r, "helo.ok", Severity.PASS);
  }

  @Test
  void timeoutIsCouldNotCheckNeverUnresolvable() throws Exception {
    DnsWorld w = new DnsWorld().records(WORLD).fault("slow.example.com", Type.A, Fault.TIMEOUT);
    Report r = check(w, "example.com", options("slow.example.com", "192.0.2.5"));
    Finding f = assertFinding(r, "dns.timeout", Severity.ERROR);
    assertEquals("helo", f.check());
    assertTrue(r.findings().stream().noneMatch(x -> x.id().equals("helo.unresolvable")), r.findings().toString());
  }

  @Test
  void bannerOfTheSendingServerNamingAnotherHost() throws Exception {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, LoopbackSmtpServer.Behaviour.NORMAL)) {
      DnsWorld w = new DnsWorld().records("""
          out.example.com.        A   127.0.0.1
          1.0.0.127.in-addr.arpa. PTR out.example.com.
          """);
      CheckOptions o = new CheckOptions(null, "out.example.com", List.of(), Set.of(), Duration.ofSeconds(10), Lang.EN);
      try (WorldFixture dns = WorldFixture.of(w, "helo")) {
        Report r = dns.engine().withSmtp(SmtpFixture.prober(server.port())).run(new TargetParser(true).parse("127.0.0.1"), o);
        assertFinding(r, "helo.ok", Severity.PASS);
        Finding f = assertFinding(r, "helo.mismatch", Severity.INFO);
        assertEquals("banner", f.variant());
        assertTrue(summary(f).contains("announces itself as mx.example.com"), summary(f));
        assertTrue(fix(f).contains("myhostname = out.example.com"), fix(f));
        assertTrue(server.received().stream().noneMatch(l -> l.matches("(?i)(MAIL|RCPT|DATA).*")), server.received().toString());
      }
    }
  }

  @Test
  void noHeloNoCheck() throws Exception {
    Report r = check(new DnsWorld().records(WORLD), "example.com", options(null, "192.0.2.5"));
    assertTrue(r.findings().isEmpty(), r.findings().toString());
  }
}
