package dev.mailcheck.slack;

import dev.mailcheck.testing.Areas;
import dev.mailcheck.bench.LoopbackSlack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bot in Socket Mode, end to end: a fake apps.connections.open hands out a ws://127.0.0.1 URL,
 * a WebSocket server there says hello and sends slash_commands envelopes, and checks the acks.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class SlackSocketModeTest {
  @Test
  void slashCommandsOverSocketModeAreAckedAndRunToTheVerdict() throws Exception {
    FakeSocketModeServer ws = new FakeSocketModeServer();
    ws.start();
    ws.awaitStarted();
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world());
        LoopbackSlack slack = new LoopbackSlack().socketUrl(ws.url())) {
      BotSettings settings = BotSettings.defaults(List.of(dns.address())).withSkip(Set.of("smtp", "http", "rdap"))
          .withAllowPrivate(true).withRunTimeout(Duration.ofSeconds(5));
      try (MailcheckBot bot = new MailcheckBot(new SlackCredentials("xoxb-test", null, "xapp-test", slack.apiUrl()), settings)) {
        bot.start();
        try (SocketModeServer server = SocketModeServer.start(bot, "xapp-test")) {
          ws.awaitConnected(Duration.ofSeconds(10));
          assertTrue(slack.calls("apps.connections.open").size() >= 1, "the WebSocket URL came from apps.connections.open");
          ws.sendCommand("env-1", "no-ptr.example.net", "U1", "C1", slack.responseUrl("s1"));
          ws.sendCommand("env-2", "example.com", "U2", "C2", slack.responseUrl("s2"));
          ws.sendCommand("env-3", "help", "U3", "C3", slack.responseUrl("s3"));

          List<JsonNode> acks = ws.awaitAcks(3, Duration.ofSeconds(10));
          assertEquals(Set.of("env-1", "env-2", "env-3"), acks.stream().map(a -> a.path("envelope_id").asText()).collect(Collectors.toSet()));

          for (String channel : List.of("C1", "C2")) {
            LoopbackSlack.Call parent = slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1,
                Duration.ofSeconds(20)).get(0);
            slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, Duration.ofSeconds(20));
            assertEquals(Areas.ofDomainRun(), slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).size(),
                "sending IPs, SPF, DKIM, DMARC, transport, readiness");
          }
          LoopbackSlack.Call help = slack.await("response_url", c -> c.get("url").endsWith("/s3"), 1, Duration.ofSeconds(10)).get(0);
          assertTrue(help.get("text").contains("/mailcheck TARGET"), help.get("text"));

          // A click on "Show DNS queries" arrives as an interactive envelope, is acked, and the trace goes in the thread.
          LoopbackSlack.Call parent = slack.calls("chat.postMessage", c -> "C1".equals(c.get("channel")) && c.get("thread_ts") == null).get(0);
          LoopbackSlack.Call update = slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts"))).get(0);
          String runId = null;
          for (JsonNode b : LoopbackSlack.blocks(update)) {
            if (b.path("type").asText().equals("actions")) {
              runId = b.path("elements").get(1).path("value").asText();
            }
          }
          ws.sendInteractive("env-4", BotHarness.blockAction(SlackRenderer.ACTION_DNS, runId, "U1", "C1", parent.get("ts"), slack.responseUrl("s4")));
          assertTrue(ws.awaitAcks(4, Duration.ofSeconds(10)).stream().anyMatch(a -> a.path("envelope_id").asText().equals("env-4")));
          LoopbackSlack.Call trace = slack.await("chat.postMessage",
              c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").startsWith("DNS queries of this run"), 1, Duration.ofSeconds(10)).get(0);
          assertTrue(String.join("\n", LoopbackSlack.texts(trace)).contains("no-ptr.example.net. MX NOERROR"));
        }
      }
    } finally {
      ws.stop(1000);
    }
  }
}
