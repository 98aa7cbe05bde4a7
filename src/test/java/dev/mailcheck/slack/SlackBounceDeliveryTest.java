package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.FaultyConnections.Fault;
import dev.mailcheck.bench.LoopbackSlack;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bounce's posts go through the same exactly-once publisher as a domain run: whatever happens to
 * the call of the diagnosis or of the confirmation (a dropped connection before or after Slack got
 * it, a 5xx, a stall, a reset) or a 429, each is in Slack once and the diagnosis ends with the verdict.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlackBounceDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static boolean diagnosis(String text) {
    return text != null && text.startsWith("Gmail rejected the mail");
  }

  /** Waits for the diagnosis's final update; checks that each message is in Slack once. */
  private static List<String> finished(LoopbackSlack slack) throws InterruptedException {
    LoopbackSlack.Call posted = slack.await("chat.postMessage", c -> "C1".equals(c.get("channel")) && diagnosis(c.get("text")), 1, WAIT).get(0);
    LoopbackSlack.Call update = slack.await("chat.update", c -> posted.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
    assertTrue(String.join("\n", LoopbackSlack.texts(update)).contains("Check of 203.0.113.25"));
    assertEquals(1, slack.calls("chat.postMessage", c -> "C1".equals(c.get("channel")) && diagnosis(c.get("text"))).size(), "one diagnosis");
    Map<String, Integer> seen = new HashMap<>();
    for (LoopbackSlack.Call c : slack.calls("chat.postMessage")) {
      seen.merge(c.get("channel") + " " + c.get("metadata"), 1, Integer::sum);
    }
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "posted twice: " + seen);
    return slack.calls("chat.postMessage", c -> posted.get("ts").equals(c.get("thread_ts"))).stream().map(c -> c.get("text")).toList();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void theDiagnosisIsPostedOnceWhateverHappensToItsCall(Fault fault) throws Exception {
    try (BotHarness h = BotHarness.faulty(UnaryOperator.identity())) {
      h.faults.next(fault, r -> r.apiMethod().equals("chat.postMessage") && diagnosis(r.param("text")));
      h.command("bounce " + SlackBounceTest.GMAIL_NO_PTR, "U1", "C1", h.newResponseUrl());
      List<String> replies = finished(h.slack);
      assertEquals(1, h.faults.injected(fault));
      assertTrue(replies.get(0).startsWith("Check of 203.0.113.25: Gmail rejected the mail (550 5.7.25)"), replies.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void theConfirmationIsPostedOnceWhateverHappensToItsCall(Fault fault) throws Exception {
    try (BotHarness h = BotHarness.faulty(UnaryOperator.identity())) {
      h.faults.next(fault, r -> r.apiMethod().equals("chat.postMessage") && r.param("thread_ts") != null
          && r.param("text").startsWith("Check of"));
      h.command("bounce " + SlackBounceTest.GMAIL_NO_PTR, "U1", "C1", h.newResponseUrl());
      List<String> replies = finished(h.slack);
      assertEquals(1, h.faults.injected(fault));
      assertEquals(1, replies.stream().filter(t -> t.startsWith("Check of 203.0.113.25")).count(), replies.toString());
      assertTrue(replies.get(0).startsWith("Check of 203.0.113.25"), "still first in the thread: " + replies);
    }
  }

  @Test
  void rateLimitsAreWaitedOut() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.rateLimit("chat.postMessage", 2, p -> true);
      h.command("bounce " + SlackBounceTest.GMAIL_NO_PTR, "U1", "C1", h.newResponseUrl());
      List<String> replies = finished(h.slack);
      assertEquals(2, h.slack.rateLimitedAnswers());
      assertTrue(replies.get(0).startsWith("Check of 203.0.113.25"), replies.toString());
    }
  }
}
