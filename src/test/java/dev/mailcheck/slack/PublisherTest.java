package dev.mailcheck.slack;

import dev.mailcheck.bench.LoopbackSlack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The publisher against the loopback Web API: what ends up in Slack when Slack pushes back. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class PublisherTest {
  @Test
  void aRefusedUpdateLongerThanOnePlainMessageContinuesInTheThread() throws Exception {
    try (LoopbackSlack slack = new LoopbackSlack(); Publisher p = new Publisher(new WebApiClient(slack.apiUrl(), "xoxb-t"), new BotMetrics())) {
      String ts = p.call(() -> p.api().postMessage("C1", null, SlackMessage.text("Checking…")));
      slack.refuseBlocks(params -> params.containsKey("ts"));
      String a = "first-part " + "a".repeat(2500);
      String b = "second-part " + "b".repeat(2500);
      String c = "third-part " + "c".repeat(2500);
      SlackMessage verdict = new SlackMessage("verdict", Blocks.toJson(List.of(Blocks.section(a), Blocks.section(b), Blocks.section(c))));
      p.updateWithFallback("C1", ts, verdict);

      LoopbackSlack.Call update = slack.calls("chat.update").get(0);
      assertEquals("[]", update.get("blocks"), "the old blocks are cleared");
      assertTrue(update.get("text").startsWith("first-part"), update.get("text"));
      String rest = String.join("\n", slack.calls("chat.postMessage", x -> ts.equals(x.get("thread_ts"))).stream().map(x -> x.get("text")).toList());
      String all = update.get("text") + "\n" + rest;
      assertTrue(all.contains("second-part") && all.contains("third-part"), "nothing is lost: " + all.length());
      assertTrue(all.contains("c".repeat(2500)), "the last section in full");
    }
  }
}
