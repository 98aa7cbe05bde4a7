package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.RdapFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailcheck check IP} with the owner check: a loopback DNS server, and RDAP from
 * MockWebServer over HTTPS through {@code MAILCHECK_RDAP_URL}; the text and JSON reports in English
 * and Korean.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnerCommandTest {
  private static final String ZONE = RdapFixture.ZONE + """
      25.5.134.121.origin.asn.cymru.com.  TXT "4766 | 121.128.0.0/10 | KR | apnic | 2006-11-29"
      """;

  @TempDir
  Path dir;

  private DnsFixture dns;
  private RdapFixture rdap;

  @BeforeEach
  void start() throws Exception {
    dns = DnsFixture.start(ZONE);
    rdap = new RdapFixture(dir).answer("121.134.5.25", "apnic-kt.json");
  }

  @AfterEach
  void stop() throws Exception {
    rdap.close();
    dns.close();
  }

  private Cli check(String... args) {
    Map<String, String> env = new HashMap<>(rdap.env(true));
    String[] all = new String[args.length + 3];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(new String[] {"--dns", dns.dnsArg()}, 0, all, args.length + 1, 2);
    return Cli.run(env, all);
  }

  @Test
  void jsonCarriesTheOwnerAndTheRouteInTheChosenLanguage() throws Exception {
    Cli r = check("121.134.5.25", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode owner = null;
    JsonNode ptr = null;
    for (JsonNode f : report.path("findings")) {
      if (f.path("id").asText().equals("owner.identified")) {
        owner = f;
      } else if (f.path("id").asText().equals("ptr.missing")) {
        ptr = f;
      }
    }
    assertTrue(owner != null && ptr != null, r.out());
    assertEquals("owner", owner.path("check").asText());
    assertEquals("info", owner.path("severity").asText());
    assertEquals("121.134.5.25 is held by KT (network 121.128.0.0 - 121.191.255.255, country KR, origin AS4766).",
        owner.path("summary").asText());
    assertTrue(owner.path("fix").asText().contains("https://dms.kornet.net/reverse"), owner.toString());
    assertEquals("owner", ptr.path("variant").asText());
    assertTrue(ptr.path("fix").asText().startsWith("Only the holder of the address block can set a PTR: ask KT"), ptr.toString());

    Cli ko = check("121.134.5.25", "--format", "json", "--lang", "ko");
    JsonNode koReport = new ObjectMapper().readTree(ko.out());
    String all = koReport.path("findings").toString();
    assertTrue(all.contains("IP 주소 121.134.5.25의 보유자는 KT입니다"), all);
    assertTrue(all.contains("리버스 도메인(PTR) 신청 화면"), all);
    // Each CLI run is an engine of its own, and the cache lives as long as its engine (the bot keeps one).
    assertEquals(2, rdap.requests());
  }

  @Test
  void textReportInKorean() {
    Cli r = check("121.134.5.25", "--lang", "ko");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("owner.identified  121.134.5.25"), r.out());
    assertTrue(r.out().contains("KT DNS Management Service(https://dms.kornet.net/reverse)에서 요청하세요."), r.out());
  }

  @Test
  void aBadRdapUrlIsOneSentenceAndExitTwo() {
    Map<String, String> env = new HashMap<>(rdap.env(true));
    env.put("MAILCHECK_RDAP_URL", "rdap.example.net");
    Cli r = Cli.run(env, "check", "121.134.5.25", "--dns", dns.dnsArg());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("MAILCHECK_RDAP_URL: 'rdap.example.net' is not an RDAP base URL"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void skipOwnerLeavesTheRegistryAlone() {
    Cli r = Cli.run(rdap.env(true), "check", "121.134.5.25", "--dns", dns.dnsArg(), "--skip", "owner");
    assertTrue(r.out().contains("ptr.missing") && !r.out().contains("owner.identified"), r.out());
    assertEquals(0, rdap.requests());
  }
}
