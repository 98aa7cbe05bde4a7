package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.demo.DemoRdapServer;
import dev.mailcheck.demo.DemoWorld;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Slack bounce flow end to end against the fake Slack, over HTTP: {@code /mailcheck bounce} and
 * the "Diagnose bounce" message shortcut with Gmail's 5.7.25 rejection of 203.0.113.25, a KT address
 * without a PTR in the demo world (its recorded RDAP answer names KT). The diagnosis is posted, the
 * check of the IP follows in its thread (the confirmation with KT's PTR route first, then the areas),
 * and the diagnosis ends with the check's verdict; in English and in Korean. Text that is no bounce
 * gets one sentence.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlackBounceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** As Gmail words it (bounce corpus, rhost-google-06), about the demo world's KT address. */
  static final String GMAIL_NO_PTR = """
      550-5.7.25 [203.0.113.25] The IP address sending this message does not have a
      550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not
      550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages
      550-5.7.25 from IPs with missing PTR records. For more information, go to
      550 5.7.25 https://support.google.com/mail/answer/81126#ip-practices b7si1234 - gsmtp""";

  static BotHarness start(DemoRdapServer rdap) throws Exception {
    // RDAP stays on (the demo's recorded answers on loopback): it names the IP's holder.
    return BotHarness.start(DemoWorld.load().world(),
        s -> s.withSkip(Set.of("smtp", "http")).withRunTimeout(Duration.ofSeconds(15)), rdap.probes());
  }

  /** What a thread shows once the diagnosis was updated with the check: the diagnosis, then the replies. */
  record Thread(String diagnosis, List<String> replies) {
    String all() {
      return String.join("\n---\n", replies);
    }
  }

  static Thread awaitThread(LoopbackSlack slack, LoopbackSlack.Call posted, String root) throws InterruptedException {
    LoopbackSlack.Call update = slack.await("chat.update", c -> posted.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
    List<String> replies = slack.calls("chat.postMessage", c -> root.equals(c.get("thread_ts")) && !posted.get("ts").equals(c.get("ts")))
        .stream().map(c -> String.join("\n", LoopbackSlack.texts(c))).toList();
    return new Thread(String.join("\n", LoopbackSlack.texts(update)), replies);
  }

  static LoopbackSlack.Call firstPost(LoopbackSlack slack, String channel) throws InterruptedException {
    return slack.await("chat.postMessage", c -> channel.equals(c.get("channel")), 1, WAIT).get(0);
  }

  /** A message_action payload as Slack sends it when the shortcut is used on a message. */
  static ObjectNode shortcut(String user, String channel, String messageTs, String threadTs, String text, String responseUrl) {
    ObjectNode p = LoopbackSlack.JSON.createObjectNode();
    p.put("type", "message_action");
    p.put("token", "legacy");
    p.put("action_ts", "1700000300.000001");
    p.put("callback_id", dev.mailcheck.slack.listeners.shortcuts.DiagnoseBounceShortcut.CALLBACK_ID);
    p.put("trigger_id", "1.2.3");
    p.put("message_ts", messageTs);
    p.put("response_url", responseUrl);
    p.putObject("team").put("id", "T1").put("domain", "test");
    p.putObject("channel").put("id", channel).put("name", "ops");
    p.putObject("user").put("id", user).put("name", user.toLowerCase());
    ObjectNode m = p.putObject("message");
    m.put("type", "message");
    m.put("user", "UOTHER");
    m.put("ts", messageTs);
    if (threadTs != null) {
      m.put("thread_ts", threadTs);
    }
    m.put("text", text);
    return p;
  }

  static HttpResponse<String> useShortcut(BotHarness h, ObjectNode payload) throws Exception {
    return h.post(BotHarness.form("payload", payload.toString()), "application/x-www-form-urlencoded", BotHarness.SECRET, BotHarness.now());
  }

  /** Slack's form of a pasted text in a message: links wrapped in angle brackets, {@code <} and {@code >} as entities. */
  static String asSlackMessage(String text) {
    return "```" + text.replace("https://support.google.com/mail/answer/81126#ip-practices",
        "<https://support.google.com/mail/answer/81126#ip-practices>") + "\n&lt;postmaster@shop.example&gt;```";
  }

  @Test
  void theBounceCommandPostsTheDiagnosisAndTheCheckInItsThreadInEnglishAndKorean() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      assertEquals(200, h.command("bounce " + GMAIL_NO_PTR, "U1", "C1", h.newResponseUrl()).statusCode());
      LoopbackSlack.Call posted = firstPost(h.slack, "C1");
      assertNull(posted.get("thread_ts"), "the diagnosis starts its own thread");
      String first = String.join("\n", LoopbackSlack.texts(posted));
      assertTrue(first.contains("Gmail rejected the mail"), first);
      assertTrue(first.contains("`ptr.missing`") && first.contains("550 5.7.25") && first.contains("203.0.113.25"), first);
      assertTrue(first.contains("Checking 203.0.113.25: the findings follow in this thread."), first);

      Thread t = awaitThread(h.slack, posted, posted.get("ts"));
      assertTrue(t.diagnosis().contains("Check of 203.0.113.25: *Problems that cause rejection or spam-foldering*"), t.diagnosis());
      assertTrue(t.diagnosis().contains("Gmail rejected the mail"), "the update keeps the diagnosis: " + t.diagnosis());
      String confirmation = t.replies().get(0);
      assertTrue(confirmation.contains("*Check of 203.0.113.25*"), confirmation);
      assertTrue(confirmation.contains("Gmail rejected the mail (550 5.7.25), and the check confirms the cause: 203.0.113.25 has no PTR record."),
          confirmation);
      assertTrue(confirmation.contains("203.0.113.25 is held by KT"), confirmation);
      assertTrue(confirmation.contains("dms.kornet.net"), "where KT takes the PTR request: " + confirmation);
      assertTrue(confirmation.contains("*Gmail:* Gmail requires every sender's IP to have a PTR"), "Gmail's own advice: " + confirmation);
      assertFalse(confirmation.contains("*Naver:*"), "only the advice of the receiver that bounced: " + confirmation);
      // The areas follow; the PTR finding shows the playbook's advice of every receiver, with its links.
      String ptr = t.replies().stream().filter(r -> r.contains("`ptr.missing`")).findFirst().orElseThrow(() -> new AssertionError(t.all()));
      assertTrue(ptr.contains("*Gmail:*") && ptr.contains("*Naver:*") && ptr.contains("*Daum/Kakao:*"), "the playbook's advice: " + ptr);
      assertTrue(ptr.contains("<https://help.naver.com/alias/mail/newmail10.naver|"), ptr);

      h.slack.locale("UKO", "ko-KR");
      h.command("bounce " + GMAIL_NO_PTR, "UKO", "C2", h.newResponseUrl());
      LoopbackSlack.Call ko = firstPost(h.slack, "C2");
      String koFirst = String.join("\n", LoopbackSlack.texts(ko));
      assertTrue(koFirst.contains("Gmail에서 메일을 거부했습니다"), koFirst);
      assertTrue(koFirst.contains("203.0.113.25 점검 중입니다"), koFirst);
      Thread kt = awaitThread(h.slack, ko, ko.get("ts"));
      assertTrue(kt.replies().get(0).contains("Gmail에서 메일을 거부했고(550 5.7.25), 점검 결과도 그 원인을 확인했습니다"), kt.replies().get(0));
      assertTrue(kt.replies().get(0).contains("보유자는 KT입니다"), kt.replies().get(0));
      assertFalse(kt.all().contains("rejected the mail"), "all in Korean: " + kt.all());
    }
  }

  @Test
  void theShortcutAnswersInTheThreadOfTheMessageItWasUsedOn() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      String messageTs = "1700000200.000100";
      assertEquals(200, useShortcut(h, shortcut("U1", "C3", messageTs, null, asSlackMessage(GMAIL_NO_PTR), h.newResponseUrl())).statusCode());
      LoopbackSlack.Call posted = firstPost(h.slack, "C3");
      assertEquals(messageTs, posted.get("thread_ts"), "the diagnosis is a reply to the message");
      String first = String.join("\n", LoopbackSlack.texts(posted));
      assertTrue(first.contains("Gmail rejected the mail") && first.contains("`ptr.missing`"), first);
      Thread t = awaitThread(h.slack, posted, messageTs);
      assertTrue(t.replies().get(0).contains("the check confirms the cause: 203.0.113.25 has no PTR record."), t.all());
      assertTrue(t.diagnosis().contains("Check of 203.0.113.25"), t.diagnosis());

      // On a reply in a thread, the answer goes in that thread.
      h.slack.locale("UKO", "ko-KR");
      useShortcut(h, shortcut("UKO", "C4", "1700000200.000300", "1700000200.000200", asSlackMessage(GMAIL_NO_PTR), h.newResponseUrl()));
      LoopbackSlack.Call ko = firstPost(h.slack, "C4");
      assertEquals("1700000200.000200", ko.get("thread_ts"));
      Thread kt = awaitThread(h.slack, ko, "1700000200.000200");
      assertTrue(kt.replies().get(0).contains("점검 결과도 그 원인을 확인했습니다"), kt.all());
    }
  }

  @Test
  void whereTheBotCannotPostTheShortcutAnswersInADirectMessage() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      h.slack.failChannel("G5", "not_in_channel");
      String url = h.newResponseUrl();
      useShortcut(h, shortcut("U5", "G5", "1700000200.000500", null, asSlackMessage(GMAIL_NO_PTR), url));
      String note = answer(h, url);
      assertTrue(note.contains("/invite"), note);
      LoopbackSlack.Call posted = firstPost(h.slack, "DU5");
      assertNull(posted.get("thread_ts"));
      Thread t = awaitThread(h.slack, posted, posted.get("ts"));
      assertTrue(t.replies().get(0).contains("the check confirms the cause"), t.all());
    }
  }

  @Test
  void textThatIsNoBounceGetsOneSentenceInTheUsersLanguage() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s)) {
      String empty = h.newResponseUrl();
      h.command("bounce", "U1", "C1", empty);
      String none = h.newResponseUrl();
      h.command("bounce hello, can you look at our mail?", "U1", "C1", none);
      h.slack.locale("UKO", "ko-KR");
      String ko = h.newResponseUrl();
      h.command("반송 example.com", "UKO", "C1", ko);
      String shortcutUrl = h.newResponseUrl();
      useShortcut(h, shortcut("U2", "C2", "1700000200.000900", null, "lunch at noon?", shortcutUrl));

      assertEquals("Paste the bounce after the command: `/mailcheck bounce` followed by the rejection your server got back (with its code,"
          + " e.g. 550 5.7.25), or the whole bounce message.", answer(h, empty));
      assertTrue(answer(h, none).startsWith("This does not look like a bounce: I read a rejection with its SMTP code"), answer(h, none));
      assertTrue(answer(h, ko).startsWith("반송 메일로 보이지 않습니다."), answer(h, ko));
      assertTrue(answer(h, shortcutUrl).startsWith("This does not look like a bounce"), answer(h, shortcutUrl));
      assertEquals(List.of(), h.slack.calls("chat.postMessage"), "nothing posted in a channel");
    }
  }

  private static String answer(BotHarness h, String url) throws InterruptedException {
    String id = url.substring(url.lastIndexOf('/'));
    return h.slack.await("response_url", c -> c.get("url").endsWith(id), 1, WAIT).get(0).get("text");
  }

  @Test
  void aBounceSentToTheBotInADirectMessageIsAnsweredThere() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      h.directMessage("U7", "bounce " + asSlackMessage(GMAIL_NO_PTR));
      LoopbackSlack.Call posted = firstPost(h.slack, "DU7");
      assertTrue(String.join("\n", LoopbackSlack.texts(posted)).contains("Gmail rejected the mail"));
      Thread t = awaitThread(h.slack, posted, posted.get("ts"));
      assertTrue(t.replies().get(0).contains("the check confirms the cause: 203.0.113.25 has no PTR record."), t.all());
    }
  }

  @Test
  void aBouncePastedWithoutTheWordIsDiagnosedAllTheSame() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      h.directMessage("U8", asSlackMessage(GMAIL_NO_PTR));
      LoopbackSlack.Call posted = firstPost(h.slack, "DU8");
      assertTrue(String.join("\n", LoopbackSlack.texts(posted)).contains("Gmail rejected the mail"), String.join("\n", LoopbackSlack.texts(posted)));
      Thread t = awaitThread(h.slack, posted, posted.get("ts"));
      assertTrue(t.replies().get(0).contains("the check confirms the cause: 203.0.113.25 has no PTR record."), t.all());
    }
  }

  @Test
  void aVeryLongTextIsReadUpToItsBoundAndTheDiagnosisSaysSo() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start(); BotHarness h = start(rdap)) {
      // The receiver's reply first, then a long returned message, as in a pasted DSN.
      String longText = asSlackMessage(GMAIL_NO_PTR) + "\n" + "Received: from a.example by b.example; quoted line of the original\n".repeat(600);
      assertTrue(longText.length() > BounceRequests.MAX_TEXT);
      useShortcut(h, shortcut("U8", "C8", "1700000200.000800", null, longText, h.newResponseUrl()));
      LoopbackSlack.Call posted = firstPost(h.slack, "C8");
      String first = String.join("\n", LoopbackSlack.texts(posted));
      assertTrue(first.contains("Only the first " + BounceRequests.MAX_TEXT + " characters of the pasted text were read."), first);
      assertTrue(first.contains("`ptr.missing`"), first);
      awaitThread(h.slack, posted, "1700000200.000800");
    }
  }

  @Test
  void bouncesCountAgainstTheUsersRunLimit() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start();
        BotHarness h = BotHarness.start(DemoWorld.load().world(), s -> s.withSkip(Set.of("smtp", "http"))
            .withRunTimeout(Duration.ofSeconds(15)).withLimits(8, 64, 1, Duration.ofMinutes(10)), rdap.probes())) {
      h.command("bounce " + GMAIL_NO_PTR, "U9", "C9", h.newResponseUrl());
      firstPost(h.slack, "C9");
      String second = h.newResponseUrl();
      h.command("bounce " + GMAIL_NO_PTR, "U9", "C9", second);
      assertTrue(answer(h, second).startsWith("You have reached the limit of 1 check(s) per 600 s"), answer(h, second));
    }
  }

  @Test
  void aBounceCheckCutShortByStoppingSaysSoInItsThreadAndItsDiagnosis() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withRunTimeout(Duration.ofSeconds(10)))) {
      // The PTR answer takes longer than the grace period.
      h.world.latency("25.113.0.203.in-addr.arpa.", Duration.ofSeconds(4));
      h.command("bounce " + GMAIL_NO_PTR, "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call posted = firstPost(h.slack, "C1");
      h.bot.shutdown(Duration.ofMillis(500));
      LoopbackSlack.Call note = h.slack.await("chat.postMessage",
          c -> posted.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("interrupted"), 1, WAIT).get(0);
      assertTrue(note.get("text").contains("restarting"), note.get("text"));
      LoopbackSlack.Call update = h.slack.await("chat.update", c -> posted.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
      String diagnosis = String.join("\n", LoopbackSlack.texts(update));
      assertTrue(diagnosis.contains("Gmail rejected the mail") && diagnosis.contains("This bounce check was interrupted"), diagnosis);
      assertEquals(1L, h.bot.metrics().runsInterrupted.sum());
    }
  }

  @Test
  void aBounceThatNamesNothingCheckableIsDiagnosedAndSaysWhyNothingWasChecked() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAllowPrivate(false))) {
      h.command("bounce 550-5.7.25 [10.1.2.3] The IP address sending this message does not have a PTR record setup. - gsmtp", "U1", "C1",
          h.newResponseUrl());
      String first = String.join("\n", LoopbackSlack.texts(firstPost(h.slack, "C1")));
      assertTrue(first.contains("Gmail rejected the mail") && first.contains("`ptr.missing`"), first);
      assertTrue(first.contains("The bounce names 10.1.2.3, which I cannot check: "), first);

      h.command("bounce 550 5.1.1 The email account that you tried to reach does not exist. b7si1 - gsmtp", "U1", "C2", h.newResponseUrl());
      String second = String.join("\n", LoopbackSlack.texts(firstPost(h.slack, "C2")));
      assertTrue(second.contains("Gmail rejected the mail") && second.contains("The bounce names no IP or domain to check."), second);
    }
  }
}
