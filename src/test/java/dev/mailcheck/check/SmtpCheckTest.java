package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.smtp.SmtpProber;
import dev.mailcheck.smtp.SmtpSettings;
import dev.mailcheck.smtp.SocketSmtpProber;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import dev.mailcheck.smtp.server.LoopbackSmtpServer.Behaviour;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.SmtpFixture;
import dev.mailcheck.testing.WorldFixture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every {@code smtp.*} finding, against SMTP servers the test starts on 127.0.0.1 (MX hosts resolve
 * to loopback in an in-process DNS world; the probe's port points at the server). Each test also
 * proves what the probe sent: greetings, EHLO, STARTTLS and QUIT, never MAIL, RCPT or DATA.
 */
class SmtpCheckTest {
  private static final String ONE_MX = """
      example.com.      MX 10 mx.example.com.
      mx.example.com.   A  127.0.0.1
      1.0.0.127.in-addr.arpa. PTR mx.example.com.
      """;

  /** SMTP allowed, a 10 s deadline, English. */
  static final CheckOptions OPTIONS = new CheckOptions(null, null, List.of(), Set.of(), Duration.ofSeconds(10), Lang.EN);

  private static Report check(String zone, String target, SmtpProber prober, CheckOptions options) {
    try (WorldFixture dns = WorldFixture.of(new DnsWorld().records(zone), "smtp")) {
      return dns.engine().withSmtp(prober).run(new TargetParser(true).parse(target), options);
    } catch (dev.mailcheck.target.BadTargetException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Report check(String zone, LoopbackSmtpServer server) {
    return check(zone, "example.com", SmtpFixture.prober(server.port()), OPTIONS);
  }

  /** Only these verbs, and never one that would start a mail transaction. */
  private static void assertSentOnly(LoopbackSmtpServer server, List<String> verbs) {
    List<String> sent = server.received().stream().map(l -> l.split(" ", 2)[0]).toList();
    assertEquals(verbs, sent, server.received().toString());
    assertTrue(server.received().stream().noneMatch(l -> l.matches("(?i)(MAIL|RCPT|DATA|VRFY|EXPN).*")), server.received().toString());
  }

  @Test
  void trustedCertificateAfterStarttlsIsOk() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.ok", Severity.PASS);
      assertEquals("mx.example.com", f.subject());
      assertEquals("transport", r.findings().stream().filter(x -> x.id().equals("smtp.ok")).findFirst().map(x -> dev.mailcheck.report.Area.forCheck(x.check()).id()).orElseThrow());
      assertTrue(summary(f).contains("mx.example.com (127.0.0.1)"), summary(f));
      assertTrue(summary(f).contains("TLSv1."), summary(f));
      assertTrue(evidence(f).stream().anyMatch(l -> l.startsWith("S: 220-mx.example.com ESMTP")), evidence(f).toString());
      assertTrue(evidence(f).stream().anyMatch(l -> l.contains("issuer CN=mailcheck test CA")), evidence(f).toString());
      assertEquals(List.of("smtp.ok"), r.findings().stream().map(Finding::id).toList());
      assertSentOnly(server, List.of("EHLO", "STARTTLS", "EHLO", "QUIT"));
      assertEquals("EHLO [127.0.0.1]", server.received().get(0), "an address literal of our own end (RFC 5321 §4.1.4)");
      assertTrue(summary(f, Lang.KO).contains("STARTTLS"), summary(f, Lang.KO));
    }
  }

  @Test
  void serverWithoutStarttls() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.no-starttls", Severity.WARN);
      assertEquals("mx.example.com", f.subject());
      assertTrue(fix(f).contains("mx.example.com") && fix(f).contains("smtpd_tls_security_level"), fix(f));
      assertTrue(r.findings().stream().noneMatch(x -> x.id().equals("smtp.ok")));
      assertSentOnly(server, List.of("EHLO", "QUIT"));
    }
  }

  @Test
  void selfSignedCertificate() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.selfSigned("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.cert-invalid", Severity.WARN);
      assertEquals("self-signed", f.variant());
      assertEquals(List.of("smtp.cert-invalid"), r.findings().stream().map(Finding::id).toList());
      assertTrue(fix(f).contains("mx.example.com"), fix(f));
      assertSentOnly(server, List.of("EHLO", "STARTTLS", "EHLO", "QUIT"));
    }
  }

  @Test
  void untrustedWithoutTheTestCa() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      // The JDK's CAs only: the test CA is unknown.
      SmtpProber jdkOnly = new SocketSmtpProber(new SmtpSettings(server.port(), true, Optional.empty(),
          Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));
      Report r = check(ONE_MX, "example.com", jdkOnly, OPTIONS);
      Finding f = assertFinding(r, "smtp.cert-invalid", Severity.WARN);
      assertEquals("untrusted", f.variant());
      assertTrue(summary(f).contains("CN=mailcheck test CA"), summary(f));
    }
  }

  @Test
  void expiredCertificate() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.expired("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.cert-invalid", Severity.WARN);
      assertEquals("expired", f.variant());
      // Signed by a trusted CA: only the date is wrong, so only the date is reported.
      assertEquals(List.of("smtp.cert-invalid"), r.findings().stream().map(Finding::id).toList());
      assertTrue(summary(f).contains("expired on 20"), summary(f));
      assertTrue(fix(f).contains("Renew the certificate of mx.example.com"), fix(f));
    }
  }

  @Test
  void certificateForAnotherName() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mail.other.example"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.cert-invalid", Severity.WARN);
      assertEquals("name-mismatch", f.variant());
      assertTrue(summary(f).contains("it is for: mail.other.example"), summary(f));
      assertTrue(fix(f).contains("mx.example.com"), fix(f));
    }
  }

  @Test
  void stalledServerEndsWithinTheRunsDeadline() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.STALL)) {
      // The greeting may take 10 s by default; the run's 1.5 s deadline cuts it.
      long t0 = System.nanoTime();
      Report r = check(ONE_MX, "example.com", SmtpFixture.prober(server.port()), OPTIONS.withTimeout(Duration.ofMillis(1500)));
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      Finding f = assertFinding(r, "smtp.unreachable", Severity.ERROR);
      assertTrue(summary(f).contains("sent no greeting in time"), summary(f));
      assertTrue(summary(f).contains("from here"), summary(f));
      assertTrue(ms < 2500, "took " + ms + " ms");
      assertEquals(1, server.connections());
      assertTrue(server.received().isEmpty(), server.received().toString());
    }
  }

  @Test
  void tricklingGreetingIsCutByTheStepsLimitNotJustEachRead() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.TRICKLE)) {
      // A byte every 200 ms keeps any per-read timeout happy; the greeting's own 1 s limit ends it.
      SmtpProber quick = new SocketSmtpProber(new SmtpSettings(server.port(), true, Optional.empty(),
          Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
      long t0 = System.nanoTime();
      Report r = check(ONE_MX, "example.com", quick, OPTIONS);
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      Finding f = assertFinding(r, "smtp.unreachable", Severity.ERROR);
      assertTrue(summary(f).contains("sent no greeting in time"), summary(f));
      assertTrue(ms < 3000, "took " + ms + " ms");
    }
  }

  @Test
  void stallAfterStarttlsIsAFailedHandshakeNotAnUnreachableServer() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.STALL_STARTTLS)) {
      SmtpProber quick = new SocketSmtpProber(new SmtpSettings(server.port(), true, Optional.empty(),
          Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
      Report r = check(ONE_MX, "example.com", quick, OPTIONS);
      Finding f = assertFinding(r, "smtp.cert-invalid", Severity.WARN);
      assertEquals("handshake", f.variant());
      assertTrue(summary(f).contains("no reply to STARTTLS in time"), summary(f));
      assertSentOnly(server, List.of("EHLO", "STARTTLS"));
    }
  }

  @Test
  void resetConnection() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.RESET)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.unreachable", Severity.ERROR);
      assertTrue(summary(f).contains("closed the connection"), summary(f));
    }
  }

  @Test
  void refusedConnection() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Report r = check(ONE_MX, "example.com", SmtpFixture.prober(closed), OPTIONS);
    Finding f = assertFinding(r, "smtp.unreachable", Severity.ERROR);
    assertTrue(summary(f).contains("connection was refused"), summary(f));
    assertTrue(fix(f).contains("nc -v 127.0.0.1 " + closed), fix(f));
  }

  @Test
  void refusalGreeting() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.REJECT)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.unreachable", Severity.ERROR);
      assertEquals("rejected", f.variant());
      assertTrue(summary(f).contains("554 5.7.1"), summary(f));
      assertSentOnly(server, List.of("QUIT"));
    }
  }

  @Test
  void oneDeadHostBesideAWorkingOneIsAWarning() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      // 127.0.0.2 is loopback too, but nothing listens there on the server's port.
      Report r = check(ONE_MX + """
          example.com.       MX 20 backup.example.com.
          backup.example.com. A 127.0.0.2
          """, server);
      assertFinding(r, "smtp.ok", Severity.PASS);
      Finding dead = assertFinding(r, "smtp.unreachable", Severity.WARN);
      assertEquals("backup.example.com", dead.subject());
    }
  }

  @Test
  void bannerNamingAnotherHost() {
    try (LoopbackSmtpServer server = SmtpFixture.server("relay.other.example", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, server);
      Finding f = assertFinding(r, "smtp.banner-mismatch", Severity.INFO);
      assertTrue(summary(f).contains("announces itself as relay.other.example"), summary(f));
      assertTrue(fix(f).contains("myhostname = mx.example.com"), fix(f));
      assertFinding(r, "smtp.ok", Severity.PASS);
    }
  }

  @Test
  void bannerNamingThePtrNameIsFine() {
    try (LoopbackSmtpServer server = SmtpFixture.server("out.example.com", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check("""
          example.com.      MX 10 mx.example.com.
          mx.example.com.   A  127.0.0.1
          1.0.0.127.in-addr.arpa. PTR out.example.com.
          """, server);
      assertEquals(List.of("smtp.ok"), r.findings().stream().map(Finding::id).toList());
    }
  }

  @Test
  void ipTargetIsProbedItselfAndHeldToItsPtrName() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), Behaviour.NORMAL)) {
      Report r = check(ONE_MX, "127.0.0.1", SmtpFixture.prober(server.port()), OPTIONS);
      Finding f = assertFinding(r, "smtp.ok", Severity.PASS);
      assertEquals("127.0.0.1", f.subject());
    }
  }

  @Test
  void specialUseAddressesAreNotProbedUnlessAllowed() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.NORMAL)) {
      SmtpProber guarded = new SocketSmtpProber(new SmtpSettings(server.port(), false, Optional.empty(),
          Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));
      Report r = check(ONE_MX, "example.com", guarded, OPTIONS);
      Finding f = assertFinding(r, "smtp.not-probed", Severity.INFO);
      assertTrue(summary(f).contains("127.0.0.1 is a loopback address"), summary(f));
      assertTrue(summary(f).contains("MAILCHECK_ALLOW_PRIVATE"), summary(f));
      assertEquals(0, server.connections());
    }
  }

  @Test
  void skipSmtpOpensNoConnection() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.NORMAL)) {
      CheckOptions o = OPTIONS;
      CheckOptions skipping = new CheckOptions(o.from(), o.helo(), o.selectors(), Set.of("smtp"), o.timeout(), o.lang());
      Report r = check(ONE_MX, "example.com", SmtpFixture.prober(server.port()), skipping);
      assertTrue(r.findings().isEmpty(), r.findings().toString());
      assertEquals(0, server.connections());
    }
  }

  @Test
  void noMailHostNoProbe() {
    try (LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, Behaviour.NORMAL)) {
      Report r = check("example.com. MX 0 .\n", server);
      assertTrue(r.findings().isEmpty(), r.findings().toString());
      assertEquals(0, server.connections());
    }
  }
}
