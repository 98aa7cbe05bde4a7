package dev.mailcheck.slack;

import dev.mailcheck.testing.Areas;
import dev.mailcheck.bench.LoopbackSlack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bot when Slack misbehaves or input is odd: what the user still sees. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class SlackFailureModesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static LoopbackSlack.Call parent(LoopbackSlack slack, String channel) throws InterruptedException {
    return slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT).get(0);
  }

  private static LoopbackSlack.Call verdict(LoopbackSlack slack, LoopbackSlack.Call parent) throws InterruptedException {
    return slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
  }

  @Test
  void aRateLimitedAuthTestAfterStartDoesNotLoseTheCommand() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      int before = h.slack.calls("auth.test").size();
      h.slack.rateLimit("auth.test", 1000, p -> true);
      HttpResponse<String> ack = h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      assertEquals(200, ack.statusCode());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      assertEquals("Checking no-ptr.example.net for <@U1>…", parent.get("text"));
      verdict(h.slack, parent);
      assertEquals(0, h.slack.rateLimitedAnswers(), "nobody asked auth.test again after start");
      assertEquals(before, h.slack.calls("auth.test").size());
    }
  }

  @Test
  void aCommandWithManyRepeatedSelectorsStillGetsItsVerdictAndReRun() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("example.com" + " -s a".repeat(197), "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      LoopbackSlack.Call update = verdict(h.slack, parent);
      assertTrue(update.get("blocks").contains(SlackRenderer.ACTION_RERUN), update.get("blocks"));
      assertTrue(update.get("blocks").contains("\"example.com selector a\""), update.get("blocks"));
    }
  }

  @Test
  void anyChannelRefusalThatIsNotAboutTheTokenSendsTheResultsToADirectMessage() throws Exception {
    for (String error : List.of("is_archived", "restricted_action")) {
      try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
        h.slack.failChannel("C1", error);
        h.command("no-ptr.example.net", "U7", "C1", h.newResponseUrl());
        LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
        assertEquals("Slack did not let me post here (" + error + "), so I'm sending the results to you in a direct message.", note.get("text"));
        LoopbackSlack.Call parent = parent(h.slack, "DU7");
        verdict(h.slack, parent);
        String all = String.join("\n", h.slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).stream()
            .flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
        assertTrue(all.contains("`ptr.missing`"), all);
      }
    }
  }

  @Test
  void aOneToOneDirectMessageGetsNoInviteHint() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.failChannel("D0PEOPLE", SlackCallException.CHANNEL_NOT_FOUND);
      h.command("no-ptr.example.net", "U7", "D0PEOPLE", h.newResponseUrl());
      LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertFalse(note.get("text").contains("/invite"), note.get("text"));
      assertTrue(note.get("text").contains("direct message"), note.get("text"));
      verdict(h.slack, parent(h.slack, "DU7"));
    }
  }

  @Test
  void aRefusedTokenIsNamedAsSuchAndNotAsAScopeProblem() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.failChannel("C1", "token_revoked");
      h.command("no-ptr.example.net", "U7", "C1", h.newResponseUrl());
      LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(note.get("text").startsWith("Slack refused mailcheck's token (token_revoked)"), note.get("text"));
      assertTrue(h.slack.calls("conversations.open").isEmpty(), "no DM is tried with a refused token");
    }
  }

  @Test
  void aRateLimitedUsersInfoDoesNotHoldUpAnswersAndIsNotAskedAgainAtOnce() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.slack.rateLimit("users.info", 1000, p -> true);
      h.command("help", "UKO", "C1", h.newResponseUrl());
      LoopbackSlack.Call help = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(help.get("text").contains("/mailcheck TARGET"), "answered, in English: " + help.get("text"));
      h.command("example.com", "UKO", "C1", h.newResponseUrl());
      assertEquals("Checking example.com for <@UKO>…", parent(h.slack, "C1").get("text"));
      assertEquals(1, h.slack.rateLimitedAnswers(), "users.info was asked once, not retried, and the failure remembered");
    }
  }

  @Test
  void anOperatorsLanguageIsEveryonesWhateverTheirLocale() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLang(dev.mailcheck.playbook.Lang.EN))) {
      h.slack.locale("UKO", "ko-KR");
      h.command("example.com", "UKO", "C1", h.newResponseUrl());
      assertEquals("Checking example.com for <@UKO>…", parent(h.slack, "C1").get("text"));
      assertTrue(h.slack.calls("users.info").isEmpty());
    }
  }

  private static String rerunValue(LoopbackSlack.Call update) {
    for (com.fasterxml.jackson.databind.JsonNode b : LoopbackSlack.blocks(update)) {
      if (b.path("type").asText().equals("actions")) {
        return b.path("elements").get(0).path("value").asText();
      }
    }
    throw new AssertionError("no Re-run button: " + update.get("blocks"));
  }

  @Test
  void reRunInTheDirectMessageOfAPrivateCheckIsAllowedAsTheOriginalCommandWas() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAccess(AccessPolicy.of("C0MAILOPS", null)))) {
      h.command("example.com private", "U1", "C0MAILOPS", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "DU1");
      String value = rerunValue(verdict(h.slack, parent));
      h.action(SlackRenderer.ACTION_RERUN, value, "U1", "DU1", parent.get("ts"), h.newResponseUrl());
      List<LoopbackSlack.Call> parents = h.slack.await("chat.postMessage", c -> "DU1".equals(c.get("channel")) && c.get("thread_ts") == null, 2, WAIT);
      assertEquals("Checking example.com for <@U1>…", parents.get(1).get("text"));
      verdict(h.slack, parents.get(1));
      assertTrue(h.slack.calls("response_url", c -> c.get("text").contains("not enabled")).isEmpty(), "not refused");
      assertEquals(0L, h.bot.metrics().refusedAccess.sum());

      // A Re-run click elsewhere of a command first asked in a channel that is not allowed stays refused.
      h.action(SlackRenderer.ACTION_RERUN, "example.com private\nC0OTHER\nrandom", "U1", "DU1", parent.get("ts"), h.newResponseUrl());
      h.slack.await("response_url", c -> c.get("text").contains("not enabled in this channel"), 1, WAIT);
    }
  }

  @Test
  void malformedRequestsGetAnAnswerUnsignedOnes401AndSignedGarbage400() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
      HttpResponse<String> unsigned = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.eventsUrl()))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload=%7Bnot-json")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, unsigned.statusCode());
      HttpResponse<String> signedGarbage = h.post("payload=%7Bnot-json", "application/x-www-form-urlencoded", BotHarness.SECRET, BotHarness.now());
      assertEquals(400, signedGarbage.statusCode());
      HttpResponse<String> signedJsonGarbage = h.post("{not json", "application/json", BotHarness.SECRET, BotHarness.now());
      assertEquals(400, signedJsonGarbage.statusCode());
      assertEquals(400, h.post("command=%zz&text=x", "application/x-www-form-urlencoded", BotHarness.SECRET, BotHarness.now()).statusCode());
      assertEquals(400, h.post("hello=world", "application/x-www-form-urlencoded", BotHarness.SECRET, BotHarness.now()).statusCode());
      assertTrue(h.slack.calls("chat.postMessage").isEmpty());
    }
  }

  @Test
  void aStopAfterTheVerdictWasQueuedDoesNotReplaceItWithInterrupted() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
      h.slack.hold("chat.update", gate);
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      h.slack.awaitArrivals("chat.update", 1, WAIT);
      // The verdict is on its way to Slack; the bot is told to stop with no grace at all. Stopping
      // does not wait for the held update (the run has settled), so it returns before the gate opens.
      h.bot.shutdown(Duration.ZERO);
      gate.countDown();
      h.bot.publisher().close();
      List<LoopbackSlack.Call> updates = h.slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts")));
      assertEquals(1, updates.size(), "only the verdict");
      assertTrue(updates.get(0).get("text").startsWith("no-ptr.example.net:"), updates.get(0).get("text"));
      assertTrue(h.slack.calls("chat.postMessage", c -> c.get("text").contains("interrupted")).isEmpty());
      assertEquals(0L, h.bot.metrics().runsInterrupted.sum());
    }
  }

  @Test
  void aReplyThatMayHaveFailedIsLookedForInTheThreadAndPostedOnce() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.failHttp("chat.postMessage", 1, 500, p -> p.get("thread_ts") != null && p.get("text").startsWith("Sending IPs"));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      LoopbackSlack.Call update = verdict(h.slack, parent);
      List<LoopbackSlack.Call> replies = h.slack.calls("chat.postMessage",
          c -> parent.get("ts").equals(c.get("thread_ts")) && String.join("\n", LoopbackSlack.texts(c)).contains("`ptr.missing`"));
      assertEquals(1, replies.size(), "posted once: " + replies);
      assertTrue(replies.get(0).atNanos() < update.atNanos(), "in its place, before the verdict");
      assertEquals(Areas.ofDomainRun(), h.slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts"))).size(), "one reply per area");
      LoopbackSlack.Call lookup = h.slack.calls("conversations.replies").get(0);
      assertEquals(parent.get("ts"), lookup.get("ts"));
      assertEquals("true", lookup.get("include_all_metadata"));
      assertFalse(String.join("\n", LoopbackSlack.texts(update)).contains("could not be posted"), update.get("blocks"));
      assertEquals(1L, h.bot.metrics().ambiguousPosts.sum());
      assertEquals(1L, h.bot.metrics().postsSentAgain.sum());
    }
  }

  @Test
  void aReplySlackKeepsFailingIsPostedAgainAsPlainTextAfterTheVerdict() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.failHttp("chat.postMessage", Publisher.POST_ROUNDS, 500,
          p -> p.get("thread_ts") != null && p.get("text").startsWith("Sending IPs"));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      LoopbackSlack.Call update = verdict(h.slack, parent);
      assertTrue(String.join("\n", LoopbackSlack.texts(update)).contains("1 message(s) of this run could not be posted when they were ready"),
          update.get("blocks"));
      List<LoopbackSlack.Call> replies = h.slack.await("chat.postMessage",
          c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("`ptr.missing`"), 1, WAIT);
      assertEquals(1, replies.size(), "posted once: " + replies);
      LoopbackSlack.Call again = replies.get(0);
      assertTrue(again.get("blocks") == null, "posted again as plain text, not retried as it was");
      assertTrue(again.atNanos() > update.atNanos(), "after the verdict");
      assertEquals(1, h.slack.calls("chat.postMessage", c -> c.get("text").startsWith("1 message(s) of this check could not be posted in time"))
          .size());
    }
  }

  @Test
  void anAnswerWithoutTsStartsNoLooseRepliesAndTheUserIsTold() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.omitTs("C1");
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(note.get("text").startsWith("I could not post the results"), note.get("text"));
      assertTrue(note.get("text").contains(SlackCallException.NO_TS), note.get("text"));
      assertEquals(1, h.slack.calls("chat.postMessage").size(), "only the parent: " + h.slack.calls("chat.postMessage"));
    }
  }

  @Test
  void aResponseUrlThatIsNotHttpFallsBackToAnEphemeralPost() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("help", "U5", "C5", "ftp://example.invalid/response");
      LoopbackSlack.Call e = h.slack.await("chat.postEphemeral", c -> true, 1, WAIT).get(0);
      assertEquals("U5", e.get("user"));
      assertTrue(e.get("text").contains("/mailcheck TARGET"), e.get("text"));
    }
  }

  @Test
  void aBusyRefusalDoesNotUseUpThePerUserLimit() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLimits(1, 1, 2, Duration.ofMinutes(10)))) {
      java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
      // The first run holds the pool (its parent post waits), the second waits in the queue.
      h.slack.hold("chat.postMessage", gate);
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      h.command("example.com", "U2", "C2", h.newResponseUrl());
      h.slack.awaitArrivals("chat.postMessage", 1, WAIT);
      Eventually.await(() -> h.bot.queuedRuns() == 1, WAIT, "the second run waits in the queue");
      // U3 is refused twice because the bot is busy; neither refusal counts against U3's two runs.
      h.command("example.com", "U3", "C3", h.newResponseUrl());
      h.command("example.com", "U3", "C3", h.newResponseUrl());
      List<LoopbackSlack.Call> busy = h.slack.await("response_url", c -> c.get("text").startsWith("mailcheck is busy"), 2, WAIT);
      assertEquals(2, busy.size());
      gate.countDown();
      verdict(h.slack, parent(h.slack, "C1"));
      verdict(h.slack, parent(h.slack, "C2"));
      h.command("example.com", "U3", "C3", h.newResponseUrl());
      assertEquals("Checking example.com for <@U3>…", parent(h.slack, "C3").get("text"));
      assertTrue(h.slack.calls("response_url", c -> c.get("text").startsWith("You have reached the limit")).isEmpty());
    }
  }

  @Test
  void aKoreanBadTargetSentenceIsKoreanThroughout() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAllowPrivate(false))) {
      h.slack.locale("UKO", "ko-KR");
      h.command("exa..mple.com", "UKO", "C1", h.newResponseUrl());
      LoopbackSlack.Call a = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(a.get("text").startsWith("빈 레이블이 있습니다(점이 연달아 있거나 점으로 시작함): 'exa..mple.com'."), a.get("text"));
      assertFalse(a.get("text").contains("empty label"), "no English detail: " + a.get("text"));
    }
  }

  @Test
  void aUsersInfoThatDoesNotAnswerDoesNotHoldUpHelp() throws Exception {
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.hold("users.info", gate);
      h.command("help", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call help = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(help.get("text").contains("/mailcheck TARGET"), help.get("text"));
      assertEquals(0, h.slack.calls("users.info").size(), "answered while users.info was still unanswered");
    } finally {
      gate.countDown();
    }
  }

  @Test
  void aVerdictSlackWillNotTakeAsAnUpdateIsPostedInTheThreadWithItsButtons() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.failHttp("chat.update", 10, 503, p -> true);
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      LoopbackSlack.Call reply = h.slack.await("chat.postMessage",
          c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("blocks") != null && c.get("blocks").contains(SlackRenderer.ACTION_RERUN),
          1, WAIT).get(0);
      assertTrue(String.join("\n", LoopbackSlack.texts(reply)).contains("mailcheck:"), reply.get("blocks"));
      assertTrue(h.slack.calls("chat.update").isEmpty(), "Slack took no update");
      assertEquals(0L, h.bot.metrics().runsCompleted.sum(), "not counted as a clean completion");
      assertEquals(1L, h.bot.metrics().runsVerdictMoved.sum());
    }
  }

  @Test
  void postsStillQueuedWhenTheBotStopsAreSentSoTheParentDoesNotStayChecking() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withShutdownGrace(Duration.ZERO))) {
      // The first thread reply is rate-limited for a long while; the rest, and the verdict, queue behind it.
      h.slack.rateLimit("chat.postMessage", 30, c -> c.get("thread_ts") != null && c.get("text") != null && c.get("text").startsWith("Sending IPs"));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      h.slack.awaitRateLimited(2, WAIT);
      h.bot.close();
      List<LoopbackSlack.Call> updates = h.slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts")));
      assertEquals(1, updates.size(), "the parent got its verdict or says the run was interrupted: " + updates);
      String text = updates.get(0).get("text");
      assertTrue(text.startsWith("no-ptr.example.net:") || text.startsWith("Interrupted:"), text);
      assertTrue(h.slack.rateLimitedAnswers() < 30, "the rate limit was not waited out once the bot was stopping");
    }
  }
}
