package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Text;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block Kit output stays inside Slack's limits, whatever the findings, and loses nothing. */
class SlackRendererTest {
  private final SlackRenderer en = new SlackRenderer(Lang.EN, "/mailcheck");

  private static Finding finding(int i, int evidenceLines, int lineLength) {
    List<String> evidence = new ArrayList<>();
    for (int e = 0; e < evidenceLines; e++) {
      evidence.add("line-" + i + "-" + e + " " + "x".repeat(lineLength));
    }
    // The address argument carries mrkdwn control characters, to see them escaped in the summary and the fix.
    return new Finding("ptr.missing", "ptr", Severity.FAIL, "198.51.100." + i, null, List.of("198.51.100." + i + " <" + i + "> & more"),
        evidence.stream().map(Text::plain).toList());
  }

  private static void assertWithinLimits(SlackMessage m) throws Exception {
    assertFalse(m.text().isBlank());
    JsonNode blocks = Blocks.JSON.readTree(m.blocksJson());
    assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
    int total = 0;
    for (JsonNode b : blocks) {
      String t = b.path("text").path("text").asText("");
      if (b.path("type").asText().equals("section")) {
        assertTrue(t.length() <= 3000, "section of " + t.length());
      }
      if (b.path("type").asText().equals("header")) {
        assertTrue(t.length() <= 150, "header of " + t.length());
      }
      total += Blocks.textSize(b);
    }
    assertTrue(total <= 12_000, "message text " + total);
  }

  @Test
  void manyFindingsAreSplitIntoMessagesWithinLimitsAndEveryOneIsPosted() throws Exception {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      findings.add(finding(i, 4, 120));
    }
    List<SlackMessage> messages = en.area(Area.SENDING_IPS, findings);
    assertTrue(messages.size() > 5, "split into " + messages.size());
    StringBuilder all = new StringBuilder();
    for (int k = 0; k < messages.size(); k++) {
      SlackMessage m = messages.get(k);
      assertWithinLimits(m);
      assertTrue(m.text().startsWith("Sending IPs (" + (k + 1) + "/" + messages.size() + "): 200 FAIL"), m.text());
      Blocks.texts(m.blocksJson()).forEach(t -> all.append(t).append('\n'));
    }
    for (int i = 0; i < 200; i++) {
      assertEquals(1, count(all.toString(), "`ptr.missing` 198.51.100." + i + "\n"), "finding " + i);
      for (int e = 0; e < 4; e++) {
        assertTrue(all.toString().contains("line-" + i + "-" + e + " "), "evidence " + i + "/" + e);
      }
    }
    // mrkdwn control characters in texts are escaped; links keep their URL and title.
    assertTrue(all.toString().contains("198.51.100.7 &lt;7&gt; &amp; more has no PTR record"), all.toString());
    assertTrue(all.toString().contains("<https://support.google.com/mail/answer/81126|Gmail: email sender guidelines>"), all.toString());
    assertEquals("<https://example.com/guide?a=1&b=7|Guide¦7>", Blocks.link("https://example.com/guide?a=1&b=7", "Guide|7"));
  }

  @Test
  void oneHugeFindingIsSpreadOverSeveralMessagesWithAllItsEvidence() throws Exception {
    Finding huge = finding(1, 300, 150);
    List<SlackMessage> messages = en.area(Area.SPF, List.of(huge));
    assertTrue(messages.size() > 1);
    StringBuilder all = new StringBuilder();
    for (SlackMessage m : messages) {
      assertWithinLimits(m);
      Blocks.texts(m.blocksJson()).forEach(t -> all.append(t).append('\n'));
    }
    for (int e = 0; e < 300; e++) {
      assertTrue(all.toString().contains("line-1-" + e + " "), "evidence line " + e);
    }
    assertTrue(all.toString().contains("*Fix:* Ask whoever holds 198.51.100.1 &lt;1&gt; &amp; more"), all.toString());
  }

  @Test
  void verdictHasCountsTopProblemsAndButtonsWithinLimits() throws Exception {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      findings.add(finding(i, 1, 10));
    }
    findings.add(new Finding("mx.ok", "mx", Severity.PASS, "example.com", null, List.of("example.com", 1), List.of()));
    Report r = Report.of(new Report.ReportTarget("x", "domain", "a".repeat(200) + ".example", "a".repeat(200) + ".example"), null,
        Instant.now(), 42, findings, new Report.SendingIps(true, List.of("192.0.2.1")), List.of());
    SlackMessage v = en.verdict(r, "U1", "run-1", "example.com from 192.0.2.1", 0, null);
    assertWithinLimits(v);
    String all = String.join("\n", Blocks.texts(v.blocksJson()));
    assertTrue(all.contains("8 FAIL, 1 PASS"), all);
    assertTrue(all.contains("…and 3 more in the thread."), all);
    assertTrue(all.contains("Requested by <@U1> · 42 ms · 0 DNS queries"), all);
    assertTrue(v.blocksJson().contains("\"value\":\"example.com from 192.0.2.1\""));
    assertTrue(v.text().contains("Problems that cause rejection or spam-foldering"));
  }

  @Test
  void koreanHelpAndAreaTitles() {
    SlackRenderer ko = new SlackRenderer(Lang.KO, "/mailcheck");
    assertTrue(ko.help(null).blocksJson().contains("사용법"));
    String help = String.join("\n", Blocks.texts(ko.help(null).blocksJson()));
    assertTrue(help.contains("영역별(발송 IP, SPF, "), help);
    assertEquals(dev.mailcheck.check.Checks.readsSelectors(), help.contains("셀렉터") || help.contains("DKIM"), help);
    String home = ko.home(List.of());
    assertEquals(dev.mailcheck.check.Checks.readsSelectors(), home.contains("셀렉터") || home.contains("DKIM"), home);
    assertTrue(ko.area(Area.SENDING_IPS, List.of(finding(1, 1, 1))).get(0).text().startsWith("발송 IP: 실패 1"));
  }

  @Test
  void koreanLinksAreLabelledAsRelatedDocumentsNotWithTheInfoSeverityWord() {
    SlackRenderer ko = new SlackRenderer(Lang.KO, "/mailcheck");
    String all = String.join("\n", Blocks.texts(ko.area(Area.SENDING_IPS, List.of(finding(1, 1, 1))).get(0).blocksJson()));
    assertTrue(all.contains("*관련 문서:* "), all);
    assertFalse(all.contains("참고:"), all);
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aCommandTooLongForAButtonValueGetsNoReRunButtonButTheVerdictIsShown() throws Exception {
    Report r = Report.of(new Report.ReportTarget("x", "domain", "example.com", "example.com"), null, Instant.now(), 42, List.of(),
        new Report.SendingIps(true, List.of("192.0.2.1")), List.of());
    SlackMessage v = en.verdict(r, "U1", "run-1", "example.com helo " + "h".repeat(2100), 0, null);
    assertWithinLimits(v);
    String blocks = v.blocksJson();
    assertFalse(blocks.contains(SlackRenderer.ACTION_RERUN), blocks);
    assertTrue(blocks.contains(SlackRenderer.ACTION_DNS), blocks);
    SlackMessage failed = en.failedParent("example.com", "example.com helo " + "h".repeat(2100));
    assertTrue(failed.text().contains("example.com"), failed.text());
    assertTrue(failed.blocksJson().contains("stopped on an internal error"), failed.blocksJson());
  }
}
