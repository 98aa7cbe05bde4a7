package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import dev.mailcheck.testing.SmtpFixture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SMTP and HELO findings in the Slack thread, end to end on loopback: the bot's runs probe an
 * SMTP server the test starts (no STARTTLS), {@code helo=NAME} reaches the HELO check, and each
 * finding lands in its area's reply, in English and in Korean.
 */
class SlackSmtpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String WORLD = """
      plain.example.com.          MX  10 mail.plain.example.com.
      plain.example.com.          TXT "v=spf1 mx -all"
      mail.plain.example.com.     A   127.0.0.1
      1.0.0.127.in-addr.arpa.     PTR mail.plain.example.com.
      """;

  private static List<String> replies(LoopbackSlack slack, String channel) throws InterruptedException {
    LoopbackSlack.Call parent = slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT).get(0);
    slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT);
    return slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).stream()
        .map(c -> String.join("\n", LoopbackSlack.texts(c))).toList();
  }

  private static String replyWith(List<String> replies, String id) {
    List<String> with = replies.stream().filter(r -> r.contains("`" + id + "`")).toList();
    assertEquals(1, with.size(), id + " in one reply: " + replies);
    return with.get(0);
  }

  @Test
  void smtpAndHeloFindingsInTheirAreasRepliesInEnglishAndKorean() throws Exception {
    try (LoopbackSmtpServer server = SmtpFixture.server("mail.plain.example.com", null, LoopbackSmtpServer.Behaviour.NORMAL);
        BotHarness h = BotHarness.start(new DnsWorld().records(WORLD), s -> s.withSkip(Set.of("http", "rdap")),
            SmtpFixture.prober(server.port()))) {
      h.slack.locale("UKO", "ko-KR");
      h.command("plain.example.com helo=localhost.localdomain", "UEN", "C1", h.newResponseUrl());
      h.command("plain.example.com helo localhost.localdomain", "UKO", "C2", h.newResponseUrl());

      List<String> en = replies(h.slack, "C1");
      String transport = replyWith(en, "smtp.no-starttls");
      assertTrue(transport.contains("Inbound and transport") && transport.contains("`mx.ok`"), transport);
      assertTrue(transport.contains("does not offer STARTTLS"), transport);
      assertTrue(transport.contains("smtpd_tls_security_level"), "the fix: " + transport);
      String senders = replyWith(en, "helo.unresolvable");
      assertTrue(senders.contains("Sending IPs") && senders.contains("`ptr.ok`"), senders);
      assertTrue(senders.contains("smtp_helo_name = mail.plain.example.com"), "the fix names the PTR the run found: " + senders);

      List<String> ko = replies(h.slack, "C2");
      String transportKo = replyWith(ko, "smtp.no-starttls");
      assertTrue(transportKo.contains("STARTTLS를 제공하지 않습니다"), transportKo);
      String sendersKo = replyWith(ko, "helo.unresolvable");
      assertTrue(sendersKo.contains("HELO 이름 localhost.localdomain은 공개 DNS에 등록할 수 없는 로컬 이름이라 주소가 없습니다"), sendersKo);
      assertFalse(sendersKo.contains("has no address"), sendersKo);

      assertTrue(server.received().stream().noneMatch(l -> l.matches("(?i)(MAIL|RCPT|DATA).*")), server.received().toString());
    }
  }
}
