package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.testing.DnsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code mailcheck bounce --check} end to end: the bounce is diagnosed, then the IP and domain it
 * names are checked on a loopback DNS world, and both are printed side by side.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BounceCheckTest {
  /** Gmail refused 198.51.100.44 for shop.example (postfix-gmail-ptr.eml). */
  private static final String NO_PTR = """
      shop.example.            MX  10 mail.shop.example.
      mail.shop.example.       A   198.51.100.44
      shop.example.            TXT "v=spf1 mx -all"
      """;
  private static final Map<String, String> ALLOW_PRIVATE = Map.of("MAILCHECK_ALLOW_PRIVATE", "1");

  @Test
  void theCheckConfirmsTheCauseTheReceiverGave() throws Exception {
    try (DnsFixture dns = DnsFixture.start(NO_PTR)) {
      Cli r = Cli.run(ALLOW_PRIVATE, "bounce", BounceCommandTest.fixture("postfix-gmail-ptr.eml"), "--check", "--dns", dns.dnsArg());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Cause: ptr.missing"), r.out());
      assertTrue(r.out().contains("=== Check of shop.example\n"
          + "Gmail rejected the mail (550 5.7.25), and the check confirms the cause: 198.51.100.44 has no PTR record."), r.out());
      assertTrue(r.out().contains("FAIL  ptr.missing  198.51.100.44"), r.out());
      assertTrue(r.out().contains("FAIL  readiness.gmail  shop.example"), r.out());
      assertEquals("", r.err());
    }
  }

  @Test
  void jsonPutsTheReportUnderReport() throws Exception {
    try (DnsFixture dns = DnsFixture.start(NO_PTR)) {
      Cli r = Cli.run(ALLOW_PRIVATE, "bounce", BounceCommandTest.fixture("postfix-gmail-ptr.eml"), "--check", "--format", "json",
          "--dns", dns.dnsArg());
      assertEquals(0, r.exit(), r.toString());
      JsonNode n = new ObjectMapper().readTree(r.out());
      assertEquals("ptr.missing", n.path("category").asText());
      assertEquals("confirmed", n.path("check").path("status").asText());
      assertEquals("ptr.missing 198.51.100.44", n.path("check").path("findings").get(0).asText());
      JsonNode report = n.path("report");
      assertEquals("mailcheck.report/1", report.path("schema").asText());
      assertEquals("shop.example", report.path("target").path("name").asText());
      assertEquals("198.51.100.44", report.path("from").asText());
      List<String> ids = new ArrayList<>();
      report.path("findings").forEach(f -> ids.add(f.path("id").asText()));
      assertTrue(ids.contains("ptr.missing") && ids.contains("spf.ip-pass") && ids.contains("readiness.gmail"), ids.toString());
    }
  }

  @Test
  void aCauseNoLongerThereIsSaidSo() throws Exception {
    String fixed = NO_PTR + "44.100.51.198.in-addr.arpa. PTR mail.shop.example.\n";
    try (DnsFixture dns = DnsFixture.start(fixed)) {
      Cli r = Cli.run(ALLOW_PRIVATE, "bounce", BounceCommandTest.fixture("postfix-gmail-ptr.eml"), "--check", "--lang", "ko",
          "--dns", dns.dnsArg());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("=== shop.example 점검 결과\nGmail에서 메일을 거부했지만(550 5.7.25), 지금 점검에서는 그런 문제가 보이지 않습니다"
          + "(ptr.ok 198.51.100.44)."), r.out());
    }
  }

  @Test
  void aBounceThatNamesNothingToCheckSaysSo() throws Exception {
    try (DnsFixture dns = DnsFixture.start(NO_PTR)) {
      Cli r = BounceCommandTest.stdin("550 5.1.1 The email account that you tried to reach does not exist.\n", ALLOW_PRIVATE,
          "bounce", "-", "--check", "--dns", dns.dnsArg());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().endsWith("The bounce names no IP or domain to check.\n"), r.out());
    }
  }
}
