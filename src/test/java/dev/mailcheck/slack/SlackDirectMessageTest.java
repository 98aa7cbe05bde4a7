package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages in the bot's Messages tab (message.im), end to end in HTTP mode and in Socket Mode: a
 * target runs a check whose thread goes in that DM, {@code help} answers with usage there, and
 * the bot's own messages, thread replies and redelivered events start nothing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlackDirectMessageTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static List<LoopbackSlack.Call> topLevel(LoopbackSlack slack, String channel) {
    return slack.calls("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null);
  }

  private static LoopbackSlack.Call awaitTopLevel(LoopbackSlack slack, String channel, String startsWith) throws InterruptedException {
    return slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null
        && String.join("\n", LoopbackSlack.texts(c)).contains(startsWith), 1, WAIT).get(0);
  }

  @Test
  void aTargetSentAsADirectMessageIsCheckedInThatConversation() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      assertEquals(200, h.directMessage("U1", "no-ptr.example.net").statusCode());
      LoopbackSlack.Call parent = awaitTopLevel(h.slack, "DU1", "Checking no-ptr.example.net for <@U1>…");
      LoopbackSlack.Call update = h.slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
      assertTrue(update.get("text").startsWith("no-ptr.example.net:"), update.get("text"));
      String thread = String.join("\n", h.slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).stream()
          .flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(thread.contains("`ptr.missing` 198.51.100.20"), thread);
      assertTrue(h.slack.calls("response_url").isEmpty() && h.slack.calls("chat.postEphemeral").isEmpty(), "a DM has nothing ephemeral");
      assertTrue(h.slack.calls("conversations.open").isEmpty(), "the run posts where it was asked");
    }
  }

  @Test
  void helpAndWordsItDoesNotKnowAreAnsweredWithUsageInTheConversation() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.directMessage("U1", "help");
      LoopbackSlack.Call help = awaitTopLevel(h.slack, "DU1", "/mailcheck TARGET");
      assertTrue(String.join("\n", LoopbackSlack.texts(help)).contains("/mailcheck example.com from 203.0.113.5"), help.get("blocks"));
      h.directMessage("U2", "hello there");
      awaitTopLevel(h.slack, "DU2", "I did not understand \"hello\"");
      h.directMessage("U3", "exa..mple.com");
      LoopbackSlack.Call bad = awaitTopLevel(h.slack, "DU3", "'exa..mple.com' has an empty label");
      assertTrue(bad.get("text").contains("empty label"), bad.get("text"));
      h.directMessage("U4", "/mailcheck example.com");
      awaitTopLevel(h.slack, "DU4", "Checking example.com for <@U4>…");
    }
  }

  @Test
  void theBotsOwnMessagesThreadRepliesAndRedeliveredEventsStartNothing() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      ObjectNode own = BotHarness.directMessageEvent("U1", "example.com", "1700000200.000001", "EvOwn");
      ((ObjectNode) own.get("event")).put("bot_id", "B1").put("user", LoopbackSlack.BOT_USER);
      h.event(own);
      ObjectNode inThread = BotHarness.directMessageEvent("U1", "example.com", "1700000200.000002", "EvThread");
      ((ObjectNode) inThread.get("event")).put("thread_ts", "1700000100.000001");
      h.event(inThread);
      ObjectNode once = BotHarness.directMessageEvent("U1", "example.com", "1700000200.000003", "EvOnce");
      h.event(once);
      h.event(once);
      LoopbackSlack.Call parent = awaitTopLevel(h.slack, "DU1", "Checking example.com");
      h.slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT);
      // A later message is answered: by then anything the ignored ones started would have shown.
      h.directMessage("U1", "help");
      awaitTopLevel(h.slack, "DU1", "/mailcheck TARGET");
      assertEquals(1, topLevel(h.slack, "DU1").stream().filter(c -> c.get("text").startsWith("Checking")).count(),
          "one run: " + topLevel(h.slack, "DU1").stream().map(c -> c.get("text")).toList());
    }
  }

  @Test
  void accessRulesApplyToDirectMessagesAsToCommandsTypedThere() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAccess(AccessPolicy.of("C0MAILOPS", null)))) {
      h.directMessage("U1", "example.com");
      awaitTopLevel(h.slack, "DU1", "It can be used in: <#C0MAILOPS>");
      assertEquals(1L, h.bot.metrics().refusedAccess.sum());
      assertTrue(topLevel(h.slack, "DU1").stream().noneMatch(c -> c.get("text").startsWith("Checking")));
    }
  }

  @Test
  void aDirectMessageOverSocketModeIsAckedAndChecked() throws Exception {
    FakeSocketModeServer ws = new FakeSocketModeServer();
    ws.start();
    ws.awaitStarted();
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world());
        LoopbackSlack slack = new LoopbackSlack().socketUrl(ws.url())) {
      BotSettings settings = BotSettings.defaults(List.of(dns.address())).withSkip(Set.of("smtp", "http", "rdap"))
          .withAllowPrivate(true).withRunTimeout(Duration.ofSeconds(5));
      try (MailcheckBot bot = new MailcheckBot(new SlackCredentials("xoxb-test", null, "xapp-test", slack.apiUrl()), settings)) {
        bot.start();
        SocketModeServer server = SocketModeServer.start(bot, "xapp-test");
        ws.awaitConnected(Duration.ofSeconds(10));
        ws.sendEvent("env-dm-1", BotHarness.directMessageEvent("U9", "no-ptr.example.net", "1700000300.000001", "EvSock1"));
        ws.sendEvent("env-dm-2", BotHarness.directMessageEvent("U8", "help", "1700000300.000002", "EvSock2"));
        assertTrue(ws.awaitAcks(2, Duration.ofSeconds(10)).stream().anyMatch(a -> a.path("envelope_id").asText().equals("env-dm-1")));
        LoopbackSlack.Call parent = awaitTopLevel(slack, "DU9", "Checking no-ptr.example.net for <@U9>…");
        LoopbackSlack.Call update = slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
        assertTrue(update.get("text").startsWith("no-ptr.example.net:"), update.get("text"));
        awaitTopLevel(slack, "DU8", "/mailcheck TARGET");
        server.close();
      }
    } finally {
      ws.stop(1000);
    }
  }
}
