package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.demo.DemoRdapServer;
import dev.mailcheck.demo.DemoWorld;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The owner of a sending IP in the Slack thread, end to end against the fake Slack: the demo world
 * and its recorded RDAP answers on loopback; the "Sending IPs" reply names KT and the DMS steps,
 * in English and in Korean.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlackOwnerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static String sendingIpsReply(BotHarness h, String channel) throws InterruptedException {
    LoopbackSlack.Call parent = h.slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT)
        .get(0);
    h.slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT);
    List<String> replies = h.slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).stream()
        .map(c -> String.join("\n", LoopbackSlack.texts(c))).toList();
    return replies.stream().filter(r -> r.contains("owner.identified")).findFirst()
        .orElseThrow(() -> new AssertionError("no reply with the owner: " + replies));
  }

  @Test
  void theSendingIpsReplyNamesTheHolderAndItsPtrRouteInEnglishAndKorean() throws Exception {
    try (DemoRdapServer rdap = DemoRdapServer.start();
        BotHarness h = BotHarness.start(DemoWorld.load().world(),
            s -> s.withSkip(Set.of()).withRunTimeout(Duration.ofSeconds(15)), rdap.probes())) {
      h.command("kt-no-ptr.example.kr", "U1", "C1", h.newResponseUrl());
      String en = sendingIpsReply(h, "C1");
      assertTrue(en.contains("Sending IPs"), en);
      assertTrue(en.contains("`ptr.missing`") && en.contains("`owner.identified`"), "PTR and owner in one reply: " + en);
      assertTrue(en.contains("203.0.113.25 is held by KT"), en);
      assertTrue(en.contains("ask KT through its DNS Management Service (https://dms.kornet.net/reverse)"), en);
      assertTrue(en.contains("mail.kt-no-ptr.example.kr"), "the MX host as the PTR value: " + en);
      assertTrue(en.contains("WHOIS privacy"), en);

      h.slack.locale("UKO", "ko-KR");
      h.command("kt-no-ptr.example.kr", "UKO", "C2", h.newResponseUrl());
      String ko = sendingIpsReply(h, "C2");
      assertTrue(ko.contains("발송 IP"), ko);
      assertTrue(ko.contains("보유자는 KT입니다"), ko);
      assertTrue(ko.contains("KT DNS Management Service(https://dms.kornet.net/reverse)에서 요청하세요"), ko);
      assertTrue(ko.contains("WHOIS 관리자 이메일"), ko);
      assertFalse(ko.contains("is held by"), "finding texts are Korean too: " + ko);
      assertEquals(1, h.slack.calls("chat.postMessage", c -> "C2".equals(c.get("channel")) && c.get("thread_ts") == null).size());
    }
  }
}
