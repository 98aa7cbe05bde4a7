package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.slack.SlashCommandProbe;
import dev.mailcheck.testing.DnsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One request model: what {@code mailcheck check} and {@code /mailcheck} accept or refuse, and the
 * sentence they refuse it with, in English and in Korean.
 */
class RequestRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No question is ever asked for a refused input; a dead loopback port keeps the system resolver out. */
  private static final String NO_DNS = "127.0.0.1:9";

  private static Cli refused(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("check"));
    all.addAll(List.of(args));
    all.addAll(List.of("--dns", NO_DNS));
    Cli r = Cli.run(env, all.toArray(String[]::new));
    assertEquals(2, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("", r.out());
    return r;
  }

  private static String slack(String text, Lang lang) {
    return SlashCommandProbe.invalid(text, false, Messages.of(lang));
  }

  @Test
  void theSameInputIsRefusedWithTheSameSentenceFromTheCliAndFromSlack() {
    for (String input : List.of("example.com 8.8.8.8 8.8.4.4", "exa..mple.com", "192.0.2.10", "example.com 8.8.8.8 example.org",
        "*.example.com", "a@b@example.com", "example.com from 8.8.8.8 from 8.8.4.4")) {
      String[] words = input.replace("from ", "--from ").split(" ");
      Cli en = refused(Map.of(), words);
      assertEquals("mailcheck: " + slack(input, Lang.EN), en.err().strip(), input);
      Cli ko = refused(Map.of(), append(words, "--lang", "ko"));
      assertEquals("mailcheck: " + slack(input, Lang.KO), ko.err().strip(), input);
      Cli koEnv = refused(Map.of("MAILCHECK_LANG", "ko"), words);
      assertEquals(ko.err(), koEnv.err(), "MAILCHECK_LANG=ko is the same as --lang ko");
    }
  }

  @Test
  void aRangeIsPointedToTheScanCommandOfTheCommandLineAndOfSlack() {
    Cli en = refused(Map.of(), "8.8.8.8/24");
    assertEquals("mailcheck: '8.8.8.8/24' is an address range; check one address at a time, e.g. 8.8.8.8, "
        + "or look up the whole range on the blocklists with mailcheck scan 8.8.8.8/24.", en.err().strip());
    // The bot points to its own scan command, /mailcheck scan.
    assertEquals("'8.8.8.8/24' is an address range; check one address at a time, e.g. 8.8.8.8, or look up the whole range on the blocklists"
        + " with `/mailcheck scan 8.8.8.8/24`.", slack("8.8.8.8/24", Lang.EN));
    Cli ko = refused(Map.of(), "8.8.8.8/24", "--lang", "ko");
    assertEquals("mailcheck: 주소 대역입니다: '8.8.8.8/24'. 주소는 하나씩 점검하세요(예: 8.8.8.8). 대역 전체의 차단 목록 등재 여부는"
        + " mailcheck scan 8.8.8.8/24로 확인할 수 있습니다.", ko.err().strip());
    assertEquals("주소 대역입니다: '8.8.8.8/24'. 주소는 하나씩 점검하세요(예: 8.8.8.8). 대역 전체의 차단 목록 등재 여부는"
        + " `/mailcheck scan 8.8.8.8/24` 명령으로 확인할 수 있습니다.", slack("8.8.8.8/24", Lang.KO));
  }

  @Test
  void aDomainTakesOneSendingIpAndHelpSaysSo() {
    Cli r = refused(Map.of(), "example.com", "8.8.8.8", "8.8.4.4");
    assertEquals("mailcheck: '8.8.4.4' would be a second sending IP for example.com; one check takes one sending IP, so check each IP on its own,"
        + " e.g. 'example.com 8.8.4.4'.", r.err().strip());
    Cli ko = refused(Map.of(), "example.com", "8.8.8.8", "8.8.4.4", "--lang", "ko");
    assertEquals("mailcheck: example.com 도메인에 발신 IP가 둘 이상입니다('8.8.4.4' 추가). 한 번에 발신 IP 하나만 점검하므로 IP마다 따로 점검하세요."
        + " 예: 'example.com 8.8.4.4'", ko.err().strip());
    Cli withFrom = refused(Map.of(), "example.com", "8.8.4.4", "--from", "8.8.8.8");
    assertTrue(withFrom.err().contains("second sending IP"), withFrom.err());
    Cli help = Cli.run("check", "--help");
    assertTrue(help.out().replaceAll("\\s+", " ").contains("A check takes one sending IP: 'example.com 203.0.113.5 198.51.100.7' is refused;"
        + " check each IP on its own."), help.out());
  }

  @Test
  void slackRefusalsAreAsSpecificAsTheCli() {
    assertEquals("'192.0.2.10' is a documentation (example-only) address, which cannot send mail on the internet; give the public IP your"
        + " server sends from (MAILCHECK_ALLOW_PRIVATE=1 allows such addresses on a test network).", slack("192.0.2.10", Lang.EN));
    assertEquals("'192.0.2.10' 주소는 문서 예시용 주소라서 인터넷에서 메일을 보낼 수 없습니다. 서버가 메일을 보내는 공인 IP를 입력하세요"
        + "(시험용 네트워크라면 MAILCHECK_ALLOW_PRIVATE=1로 허용할 수 있습니다).", slack("192.0.2.10", Lang.KO));
    // Commas separate targets; the hint names the targets, not the comma.
    assertEquals("Check one target at a time; 'example.org' is a second one. To check a domain as sent from an IP, write the domain and then"
        + " the IP, e.g. 'example.com 203.0.113.5'.", slack("example.com, example.org", Lang.EN));
    assertEquals("한 번에 하나만 점검할 수 있습니다. 'example.org' 부분이 두 번째 대상입니다. 특정 IP에서 보내는 경우를 점검하려면 도메인 뒤에 IP를"
        + " 적으세요. 예: 'example.com 203.0.113.5'", slack("example.com,example.org", Lang.KO));
  }

  @Test
  void commasSeparateTargetsOnTheCliToo() throws Exception {
    try (DnsFixture dns = DnsFixture.start("""
        example.com.  TXT "v=spf1 -all"
        example.org.  TXT "v=spf1 -all"
        """)) {
      Cli r = Cli.run("check", "example.com,", "example.org", "--dns", dns.dnsArg(), "--skip", "mx,ptr", "--format", "json");
      JsonNode reports = JSON.readTree(r.out());
      assertEquals(2, reports.size(), r.toString());
      assertEquals("example.com", reports.get(0).get("target").get("name").asText());
      assertEquals("example.org", reports.get(1).get("target").get("name").asText());
    }
  }

  @Test
  @Timeout(30)
  void severalTargetsRunAtTheSameTimeAndReportInTheOrderGiven() throws Exception {
    DnsWorld silent = new DnsWorld().fault(n -> true, Fault.TIMEOUT);
    try (DnsFixture dead = DnsFixture.start(silent)) {
      Cli r = Cli.run("check", "c.example", "a.example", "b.example", "--dns", dead.dnsArg(), "--timeout", "2s", "--format", "json");
      assertEquals(3, r.exit(), r.toString());
      JsonNode reports = JSON.readTree(r.out());
      List<String> order = new ArrayList<>();
      reports.forEach(n -> order.add(n.get("target").get("name").asText()));
      // Run at the same time, every run starts before any other has ended (each waits out its 2 s
      // deadline); one after another, each would start only after the previous one had ended.
      long latestStart = 0;
      long earliestEnd = Long.MAX_VALUE;
      for (JsonNode n : reports) {
        long started = java.time.Instant.parse(n.get("startedAt").asText()).toEpochMilli();
        latestStart = Math.max(latestStart, started);
        earliestEnd = Math.min(earliestEnd, started + n.get("elapsedMs").asLong());
      }
      assertTrue(latestStart < earliestEnd, "the three runs did not overlap: " + r.out());
      assertEquals(List.of("c.example", "a.example", "b.example"), order);
    }
  }

  @Test
  void controlCharactersAreEchoedEscapedAndLongInputCut() {
    Cli esc = refused(Map.of(), "\u001b[31mred\u001b[0m..example");
    assertFalse(esc.err().contains("\u001b"), "no raw ESC reaches the terminal");
    assertTrue(esc.err().contains("'\\x1B[31mred\\x1B[0m..example'"), esc.err());
    Cli slackEsc = Cli.run("check", "x\u0007y", "--dns", NO_DNS);
    assertTrue(slackEsc.err().contains("x\\x07y"), slackEsc.err());
    String huge = "a".repeat(300) + ".example";
    Cli cut = refused(Map.of(), huge);
    assertTrue(cut.err().length() < 300, cut.err());
    assertTrue(cut.err().contains("… (308 characters)"), cut.err());
  }

  @Test
  void durationsUpToOneHour() throws Exception {
    try (DnsFixture dns = DnsFixture.start("example.com. TXT \"v=spf1 -all\"")) {
      Cli hour = Cli.run("check", "example.com", "--timeout", "1h", "--dns", dns.dnsArg(), "--skip", "mx,ptr,dkim,dmarc");
      assertEquals(0, hour.exit(), hour.toString());
    }
    Cli two = refused(Map.of(), "example.com", "--timeout", "2h");
    assertEquals("mailcheck: --timeout: '2h' is longer than 1 hour, the most it may be; use e.g. 20s or 2m.", two.err().strip());
    Cli twoKo = refused(Map.of(), "example.com", "--timeout", "2h", "--lang", "ko");
    assertEquals("mailcheck: --timeout: 최대 한도인 1시간보다 깁니다: '2h'. 20s나 2m처럼 입력하세요.", twoKo.err().strip());
    Cli grace = Cli.run("serve", "--grace", "2h");
    assertEquals(2, grace.exit(), grace.toString());
    assertEquals("mailcheck: --grace: '2h' is longer than 1 hour, the most it may be; use e.g. 20s or 2m.", grace.err().strip());
    Cli form = refused(Map.of(), "example.com", "--timeout", "soon");
    assertEquals("mailcheck: --timeout: 'soon' is not a duration; use e.g. 20s, 500ms, 2m or 1h.", form.err().strip());
    Cli demo = Cli.run("demo", "--timeout", "0");
    assertEquals(2, demo.exit(), demo.toString());
    assertEquals("mailcheck: --timeout must be longer than zero, e.g. 20s.", demo.err().strip());
    assertEquals("", demo.out(), "nothing ran");
  }

  @Test
  void anEmptyMailcheckDnsNeverFallsBackToTheSystemResolver() {
    Cli r = Cli.run(Map.of("MAILCHECK_DNS", ""), "check", "example.com");
    assertEquals(2, r.exit(), r.toString());
    assertEquals("mailcheck: MAILCHECK_DNS is set but names no resolver; give addresses such as 127.0.0.1:5353, or unset it to use the"
        + " system's resolvers.", r.err().strip());
    Cli ko = Cli.run(Map.of("MAILCHECK_DNS", "", "MAILCHECK_LANG", "ko"), "check", "example.com");
    assertEquals("mailcheck: MAILCHECK_DNS가 설정되어 있지만 리졸버 주소가 없습니다. 127.0.0.1:5353 같은 주소를 넣거나, 시스템 리졸버를 쓰려면"
        + " 변수를 지우세요.", ko.err().strip());
    Cli spf = Cli.run(Map.of("MAILCHECK_DNS", ""), "spf", "--ip", "192.0.2.1", "--mail-from", "a@example.com");
    assertEquals(2, spf.exit(), spf.toString());
  }

  @Test
  void idnDeviationCharactersAreReadTheSameByCheckAndSpf() throws Exception {
    // faß.de is xn--fa-hia.de (IDNA2008) for both commands; neither turns it into fass.de (IDNA2003).
    try (DnsFixture dns = DnsFixture.start("""
        xn--fa-hia.de.  TXT "v=spf1 ip4:198.51.100.7 -all"
        fass.de.        TXT "v=spf1 +all"
        """)) {
      Cli check = Cli.run("check", "faß.de", "--dns", dns.dnsArg(), "--skip", "mx,ptr", "--format", "json");
      JsonNode target = JSON.readTree(check.out()).get("target");
      assertEquals("xn--fa-hia.de", target.get("name").asText(), check.toString());
      Cli spf = Cli.run("spf", "--ip", "198.51.100.7", "--mail-from", "user@faß.de", "--dns", dns.dnsArg(), "--format", "json");
      assertEquals("xn--fa-hia.de", JSON.readTree(spf.out()).get("domain").asText(), spf.toString());
      assertEquals("pass", JSON.readTree(spf.out()).get("result").asText());
    }
  }

  @Test
  void settingsSentencesFollowTheLanguageToo() {
    Cli skip = refused(Map.of("MAILCHECK_LANG", "ko"), "example.com", "--skip", "smpt");
    assertTrue(skip.err().startsWith("mailcheck: --skip: 건너뛸 수 있는 항목이 아닙니다: 'smpt'. 쓸 수 있는 값: "), skip.err());
    Cli resolver = Cli.run(Map.of("MAILCHECK_DNS", "nonsense"), "check", "example.com", "--lang", "ko");
    assertEquals(2, resolver.exit(), resolver.toString());
    assertEquals("mailcheck: MAILCHECK_DNS: 리졸버 주소가 아닙니다: 'nonsense'. 127.0.0.1:5353이나 [::1]:53처럼 IP 주소와 필요하면 포트를 입력하세요.",
        resolver.err().strip());
    Cli english = Cli.run(Map.of("MAILCHECK_DNS", "nonsense"), "check", "example.com");
    assertEquals("mailcheck: MAILCHECK_DNS: 'nonsense' is not a resolver address; use an IP address with an optional port, e.g. 127.0.0.1:5353"
        + " or [::1]:53.", english.err().strip());
  }

  private static String[] append(String[] a, String... more) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
