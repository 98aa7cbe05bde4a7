package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.demo.DemoRdapServer;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounce flow in Socket Mode: {@code /mailcheck bounce} arrives as a slash_commands envelope and
 * the "Diagnose bounce" shortcut as an interactive envelope; both are acked and answered as over HTTP.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlackBounceSocketModeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theCommandAndTheShortcutOverSocketMode() throws Exception {
    FakeSocketModeServer ws = new FakeSocketModeServer();
    ws.start();
    ws.awaitStarted();
    try (DemoRdapServer rdap = DemoRdapServer.start();
        LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world());
        LoopbackSlack slack = new LoopbackSlack().socketUrl(ws.url())) {
      BotSettings settings = BotSettings.defaults(List.of(dns.address())).withSkip(Set.of("smtp", "http"))
          .withAllowPrivate(true).withRunTimeout(Duration.ofSeconds(15));
      try (MailcheckBot bot = new MailcheckBot(new SlackCredentials("xoxb-test", null, "xapp-test", slack.apiUrl()), settings, rdap.probes(), null)) {
        bot.start();
        try (SocketModeServer server = SocketModeServer.start(bot, "xapp-test")) {
          ws.awaitConnected(Duration.ofSeconds(10));
          slack.locale("UKO", "ko-KR");
          ws.sendCommand("env-1", "bounce " + SlackBounceTest.GMAIL_NO_PTR, "U1", "C1", slack.responseUrl("s1"));
          ws.sendInteractive("env-2", SlackBounceTest.shortcut("UKO", "C2", "1700000200.000100", null,
              SlackBounceTest.asSlackMessage(SlackBounceTest.GMAIL_NO_PTR), slack.responseUrl("s2")));
          assertEquals(Set.of("env-1", "env-2"), ws.awaitAcks(2, Duration.ofSeconds(10)).stream()
              .map(a -> a.path("envelope_id").asText()).collect(Collectors.toSet()));

          LoopbackSlack.Call en = slack.await("chat.postMessage", c -> "C1".equals(c.get("channel")), 1, WAIT).get(0);
          SlackBounceTest.Thread t = SlackBounceTest.awaitThread(slack, en, en.get("ts"));
          assertTrue(t.diagnosis().contains("Gmail rejected the mail") && t.diagnosis().contains("Check of 203.0.113.25"), t.diagnosis());
          assertTrue(t.replies().get(0).contains("the check confirms the cause: 203.0.113.25 has no PTR record."), t.all());

          LoopbackSlack.Call ko = slack.await("chat.postMessage", c -> "C2".equals(c.get("channel")), 1, WAIT).get(0);
          assertEquals("1700000200.000100", ko.get("thread_ts"));
          SlackBounceTest.Thread kt = SlackBounceTest.awaitThread(slack, ko, "1700000200.000100");
          assertTrue(kt.diagnosis().contains("Gmail에서 메일을 거부했습니다"), kt.diagnosis());
          assertTrue(kt.replies().get(0).contains("점검 결과도 그 원인을 확인했습니다") && kt.replies().get(0).contains("보유자는 KT입니다"), kt.all());
        }
      }
    } finally {
      ws.stop(1000);
    }
  }
}
