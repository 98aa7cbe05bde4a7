package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.config.Config;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailcheck bounce}: the JSON of the design contract, the text in both languages, and the exit codes. */
class BounceCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static String fixture(String name) throws Exception {
    return Path.of(BounceCommandTest.class.getResource("/dev/mailcheck/bounce/" + name).toURI()).toString();
  }

  Path pasted(String text) throws Exception {
    Path p = dir.resolve("pasted.txt");
    Files.writeString(p, text);
    return p;
  }

  static Cli stdin(String input, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
        new PrintWriter(err, true), new Config(env));
    return new Cli(exit, out.toString(), err.toString());
  }

  @Test
  void jsonOfAWholeDsn() throws Exception {
    Cli r = Cli.run("bounce", fixture("postfix-gmail-ptr.eml"), "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode n = JSON.readTree(r.out());
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("provider", "category", "list", "smtpCode", "enhancedCode", "ip", "domain", "summary", "fix", "links"),
        fields.subList(0, 10), "the design's fields, in its order");
    assertEquals("gmail", n.get("provider").asText());
    assertEquals("ptr.missing", n.get("category").asText());
    assertTrue(n.get("list").isNull());
    assertEquals("550", n.get("smtpCode").asText());
    assertEquals("5.7.25", n.get("enhancedCode").asText());
    assertEquals("198.51.100.44", n.get("ip").asText());
    assertEquals("shop.example", n.get("domain").asText());
    assertTrue(n.get("summary").asText().startsWith("Gmail refused the message because 198.51.100.44 has no PTR"), n.get("summary").asText());
    assertTrue(n.get("fix").asText().contains("mail.shop.example"), n.get("fix").asText());
    List<String> urls = new ArrayList<>();
    n.get("links").forEach(l -> {
      assertFalse(l.get("title").asText().isBlank());
      urls.add(l.get("url").asText());
    });
    assertTrue(urls.contains("https://dms.kornet.net/reverse"), urls.toString());
    assertTrue(urls.contains("https://support.google.com/mail/answer/81126"), urls.toString());
  }

  @Test
  void koreanTextOfAPastedReply() throws Exception {
    Path p = pasted("421 4.7.0 [TSS04] Messages from 203.0.113.25 temporarily deferred due to unexpected volume or user complaints"
        + " - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes\n");
    Cli r = Cli.run("bounce", p.toString(), "--lang", "ko");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("수신 서버: Yahoo (yahoo)"), r.out());
    assertTrue(r.out().contains("원인: reputation.rate"), r.out());
    assertTrue(r.out().contains("코드: 421 4.7.0"), r.out());
    assertTrue(r.out().contains("보내는 IP: 203.0.113.25"), r.out());
    assertTrue(r.out().contains("Yahoo에서 203.0.113.25의 발송량이나 스팸 신고 때문에"), r.out());
    assertTrue(r.out().contains("조치: Yahoo는 예상 밖의 발송량"), r.out());
    assertTrue(r.out().contains("https://senders.yahooinc.com/"), r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void englishTextAndLanguageFromTheEnvironment() throws Exception {
    Path p = pasted("554 5.7.1 DXNS2 198.51.100.7: Message refused. PTR of your host does not match");
    Cli en = Cli.run("bounce", p.toString());
    assertEquals(0, en.exit(), en.toString());
    assertTrue(en.out().contains("Receiver: Daum (daum)"), en.out());
    assertTrue(en.out().contains("Daum refused the connection because the host name and IP"), en.out());
    Cli ko = Cli.run(Map.of("MAILCHECK_LANG", "ko"), "bounce", p.toString());
    assertTrue(ko.out().contains("다음(Daum)에서 보내는 서버의 호스트 이름과 IP가 일치하지 않는다며"), ko.out());
    assertTrue(ko.out().contains("198.51.100.7의 PTR이 없거나"), ko.out());
  }

  @Test
  void standardInputWithDashOrNothing() {
    String reply = "550 5.7.1 Service unavailable; Client host [203.0.113.91] blocked using bl.spamcop.net\n";
    for (String[] args : List.of(new String[] {"bounce", "-", "--format", "json"}, new String[] {"bounce", "--format", "json"})) {
      Cli r = stdin(reply, Map.of(), args);
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("\"list\" : \"spamcop\""), r.out());
      assertTrue(r.out().contains("\"category\" : \"blocklist.listed\""), r.out());
    }
  }

  @Test
  void emptyInputIsOneSentenceInTheChosenLanguage() {
    Cli en = stdin("  \n", Map.of(), "bounce");
    assertEquals(2, en.exit(), en.toString());
    assertEquals("mailcheck: The input is empty; paste the bounce or give a .eml file, e.g. 'mailcheck bounce bounce.eml'.\n", en.err());
    assertTrue(en.out().isEmpty());
    Cli ko = stdin("", Map.of(), "bounce", "--lang", "ko");
    assertEquals(2, ko.exit(), ko.toString());
    assertTrue(ko.err().startsWith("mailcheck: 입력이 비어 있습니다."), ko.err());
    assertEquals(1, ko.err().lines().count(), "one line, no stack trace: " + ko.err());
  }

  @Test
  void missingOrUnreadableFileIsBadInput() {
    Cli en = Cli.run("bounce", dir.resolve("nope.eml").toString());
    assertEquals(2, en.exit(), en.toString());
    assertTrue(en.err().startsWith("mailcheck: There is no file " + dir.resolve("nope.eml")), en.err());
    Cli ko = Cli.run("bounce", dir.toString(), "--lang", "ko");
    assertEquals(2, ko.exit(), ko.toString());
    assertTrue(ko.err().contains("디렉터리입니다"), ko.err());
    assertEquals(1, ko.err().lines().count(), ko.err());
  }

  @Test
  void textWithNothingToDiagnoseExitsOne() throws Exception {
    Path p = pasted("Hello, please call me back about the invoice.");
    Cli r = Cli.run("bounce", p.toString(), "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    JsonNode n = JSON.readTree(r.out());
    assertEquals("unknown", n.get("provider").asText());
    assertEquals("unknown", n.get("category").asText());
    assertTrue(n.get("smtpCode").isNull());
  }

  @Test
  void badFormatAndHelp() throws Exception {
    Path p = pasted("550 5.1.1 No such user");
    Cli r = Cli.run("bounce", p.toString(), "--format", "xml");
    assertEquals(2, r.exit(), r.toString());
    assertEquals("mailcheck: --format must be text or json, not 'xml'.\n", r.err());
    Cli help = Cli.run("--help");
    assertTrue(help.out().contains("bounce"), help.out());
    Cli own = Cli.run("bounce", "--help");
    assertEquals(0, own.exit());
    assertTrue(own.out().contains("Exit status: 0 a cause was found, 1 no cause was recognised, 2 bad input."), own.out());
  }
}
