package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The bot in HTTP mode, end to end: signed requests in, Web API calls out, all on loopback. */
class SlackHttpModeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeSlack.Call parent(FakeSlack slack, String channel) throws InterruptedException {
    return slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT).get(0);
  }

  private static FakeSlack.Call verdict(FakeSlack slack, FakeSlack.Call parent) throws InterruptedException {
    return slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
  }

  private static List<FakeSlack.Call> replies(FakeSlack slack, FakeSlack.Call parent) {
    return slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")));
  }

  @Test
  void signedCommandPostsParentThreadRepliesPerAreaAndTheVerdict() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      HttpResponse<String> ack = h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      assertEquals(200, ack.statusCode());

      FakeSlack.Call parent = parent(h.slack, "C1");
      assertEquals("Checking no-ptr.example.net for <@U1>…", parent.get("text"));
      FakeSlack.Call update = verdict(h.slack, parent);

      List<FakeSlack.Call> replies = replies(h.slack, parent);
      // Two areas ran (MX is in "Inbound and transport", PTR in "Sending IPs"): one reply each.
      assertEquals(2, replies.size(), "one reply per area");
      String all = String.join("\n", replies.stream().flatMap(c -> FakeSlack.texts(c).stream()).toList());
      assertTrue(all.contains("`ptr.missing`"), all);
      assertTrue(all.contains("`mx.ok`"), all);
      assertTrue(all.contains("Sending IPs"), all);
      assertTrue(all.contains("Inbound and transport"), all);
      assertTrue(all.contains("*Fix:*"), "the fix is shown: " + all);
      assertTrue(all.contains("<https://support.google.com/mail/answer/81126|Gmail: email sender guidelines>"), "links are shown: " + all);
      assertTrue(all.contains("```"), "evidence as code: " + all);
      // Every reply was posted before the verdict replaced the parent.
      replies.forEach(r -> assertTrue(r.atNanos() < update.atNanos()));

      assertEquals("C1", update.get("channel"));
      String v = String.join("\n", FakeSlack.texts(update));
      assertTrue(v.contains("Problems that cause rejection or spam-foldering"), v);
      assertTrue(v.contains("`ptr.missing`"), "top problems: " + v);
      JsonNode actions = null;
      for (JsonNode b : FakeSlack.blocks(update)) {
        if (b.path("type").asText().equals("actions")) {
          actions = b;
        }
      }
      assertTrue(actions != null, "the verdict has buttons");
      assertEquals(SlackRenderer.ACTION_RERUN, actions.path("elements").get(0).path("action_id").asText());
      assertEquals("no-ptr.example.net", actions.path("elements").get(0).path("value").asText());
      assertEquals(SlackRenderer.ACTION_DNS, actions.path("elements").get(1).path("action_id").asText());
      assertTrue(h.slack.calls("response_url").isEmpty(), "nothing ephemeral on success");
    }
  }
}
