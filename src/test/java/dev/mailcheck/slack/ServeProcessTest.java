package dev.mailcheck.slack;

import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.bench.BotProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code mailcheck serve --http} as a real process: SIGTERM while a run is in flight lets it finish
 * (the verdict is posted before the process exits), and neither token nor secret reaches the log
 * at the default level (info).
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ServeProcessTest {
  private static final String TOKEN = "xoxb-do-not-log-1234567890";
  private static final String SECRET = "signing-secret-do-not-log";

  @Test
  void sigtermLetsTheInFlightRunFinishAndSecretsNeverReachTheLog() throws Exception {
    DnsWorld world = DemoWorld.load().world();
    // The PTR question takes a while, so the run is still going when SIGTERM arrives.
    world.latency("20.100.51.198.in-addr.arpa.", Duration.ofMillis(1500));
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(world); LoopbackSlack slack = new LoopbackSlack();
        BotProcess bot = BotProcess.start(dns.address(), slack.apiUrl(), TOKEN, SECRET, 4,
            Map.of())) {
      String body = BotHarness.commandBody("no-ptr.example.net", "U1", "C1", slack.responseUrl("p1"));
      long ts = System.currentTimeMillis() / 1000;
      HttpResponse<String> ack = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/slack/events"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Slack-Request-Timestamp", String.valueOf(ts))
          .header("X-Slack-Signature", new RequestSigner(SECRET).sign(ts, body))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ack.statusCode());
      LoopbackSlack.Call parent = slack.await("chat.postMessage", c -> c.get("thread_ts") == null, 1, Duration.ofSeconds(20)).get(0);
      assertTrue(slack.calls("chat.update").isEmpty(), "the run is still in flight");

      int status = bot.stop();
      assertEquals(143, status, "exit after SIGTERM's shutdown hooks: " + bot.output());
      // Already there when the process ended: nothing was waited for after exit.
      List<LoopbackSlack.Call> updates = slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts")));
      assertEquals(1, updates.size(), "the verdict was posted before exit: " + bot.output());
      assertTrue(updates.get(0).get("text").contains("Problems that cause rejection"), updates.get(0).get("text") + slack.calls("chat.postMessage").stream().map(c -> String.join("\n", LoopbackSlack.texts(c))).toList());
      List<String> out = bot.output();
      assertTrue(out.stream().anyMatch(l -> l.contains("mailcheck serve: stopped")), String.join("\n", out));
      for (String line : out) {
        assertFalse(line.contains(TOKEN) || line.contains(SECRET), "secret in the log: " + line);
      }
    }
  }
}
