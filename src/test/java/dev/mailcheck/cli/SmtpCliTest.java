package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.SmtpFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mailcheck check} with the SMTP probe: {@code MAILCHECK_SMTP_PORT}, {@code MAILCHECK_TRUSTSTORE}
 * and {@code MAILCHECK_ALLOW_PRIVATE} reach it, {@code --helo} reaches the HELO check, and bad
 * values are one sentence. The mail host is an SMTP server the test starts on 127.0.0.1.
 */
class SmtpCliTest {
  private static final String WORLD = """
      example.com.             MX  10 mx.example.com.
      mx.example.com.          A   127.0.0.1
      1.0.0.127.in-addr.arpa.  PTR mx.example.com.
      """;

  @Test
  void checkProbesTheMailHostAndTheHeloName() throws Exception {
    try (DnsFixture dns = DnsFixture.start(WORLD);
        LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), LoopbackSmtpServer.Behaviour.NORMAL)) {
      Map<String, String> env = Map.of("MAILCHECK_ALLOW_PRIVATE", "1", "MAILCHECK_SMTP_PORT", String.valueOf(server.port()),
          "MAILCHECK_TRUSTSTORE", SmtpFixture.caPem().toString());
      Cli r = Cli.run(env, "check", "example.com", "--helo", "mx.example.com", "--dns", dns.dnsArg(), "--skip", "spf,dkim,dmarc,rdap,http",
          "--format", "json");
      assertEquals(0, r.exit(), r.toString());
      JsonNode parsed = new ObjectMapper().readTree(r.out());
      JsonNode report = parsed.isArray() ? parsed.get(0) : parsed;
      List<String> ids = new ArrayList<>();
      report.path("findings").forEach(f -> ids.add(f.path("severity").asText() + " " + f.path("id").asText() + " " + f.path("check").asText()));
      assertTrue(ids.contains("pass smtp.ok smtp"), ids.toString());
      assertTrue(ids.contains("pass helo.ok helo"), ids.toString());
      assertTrue(server.received().stream().noneMatch(l -> l.matches("(?i)(MAIL|RCPT|DATA).*")), server.received().toString());

      Cli text = Cli.run(env, "check", "example.com", "--dns", dns.dnsArg(), "--skip", "spf,dkim,dmarc,rdap,http", "--lang", "ko");
      assertTrue(text.out().contains("smtp.ok"), text.out());
    }
  }

  @Test
  void withoutTheTestCaTheCertificateIsUntrusted() {
    try (DnsFixture dns = DnsFixture.start(WORLD);
        LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", SmtpFixture.signed("mx.example.com"), LoopbackSmtpServer.Behaviour.NORMAL)) {
      Cli r = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1", "MAILCHECK_SMTP_PORT", String.valueOf(server.port())),
          "check", "example.com", "--dns", dns.dnsArg(), "--skip", "spf,dkim,dmarc,rdap,http");
      assertTrue(r.out().contains("WARN  smtp.cert-invalid  mx.example.com"), r.out());
    }
  }

  @Test
  void skipSmtpLeavesTheServerAlone() {
    try (DnsFixture dns = DnsFixture.start(WORLD);
        LoopbackSmtpServer server = SmtpFixture.server("mx.example.com", null, LoopbackSmtpServer.Behaviour.NORMAL)) {
      Cli r = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1", "MAILCHECK_SMTP_PORT", String.valueOf(server.port())),
          "check", "example.com", "--dns", dns.dnsArg(), "--skip", "smtp,rdap");
      // No SMTP finding (the TLS-RPT check still names _smtp._tls, which is DNS).
      assertTrue(r.out().lines().noneMatch(l -> l.matches("\\s*[A-Z]+\\s+(smtp|helo)\\..*")), r.out());
      assertEquals(0, server.connections());
    }
  }

  @Test
  void badPortIsOneSentence() {
    Cli r = Cli.run(Map.of("MAILCHECK_SMTP_PORT", "twenty-five"), "check", "example.com", "--dns", "127.0.0.1:9");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertTrue(r.err().contains("MAILCHECK_SMTP_PORT: 'twenty-five' is not a port"), r.err());
    assertTrue(!r.err().contains("\tat "), r.err());
  }

  @Test
  void addressLiteralMustHoldAnAddress() {
    Cli r = Cli.run(Map.of(), "check", "example.com", "--helo", "[999.1.1.1]", "--dns", "127.0.0.1:9");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertTrue(r.err().contains("999.1.1.1"), r.err());
  }
}
