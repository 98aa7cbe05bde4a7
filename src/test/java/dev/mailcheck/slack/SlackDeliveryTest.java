package dev.mailcheck.slack;

import dev.mailcheck.testing.Areas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.ExpectedFindings;
import dev.mailcheck.bench.FaultyConnections;
import dev.mailcheck.bench.FaultyConnections.Fault;
import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.report.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once delivery, end to end through {@link FaultyConnections}: whatever happens to a call
 * (the connection dropped before or after Slack acted on it, a 500 or 503, a stall past the
 * client's timeout, a reset), each run's first message is posted once, every finding reaches its
 * thread once, and the verdict ends up on the first message.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlackDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TARGET = "no-ptr.example.net";

  private static List<LoopbackSlack.Call> parents(LoopbackSlack slack, String channel) {
    return slack.calls("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null);
  }

  private static List<LoopbackSlack.Call> replies(LoopbackSlack slack, LoopbackSlack.Call parent) {
    return slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")));
  }

  private static String text(List<LoopbackSlack.Call> calls) {
    return calls.stream().flatMap(c -> LoopbackSlack.texts(c).stream()).collect(Collectors.joining("\n"));
  }

  /** Waits for the run in {@code channel} to end with its verdict on its first message; returns that message. */
  private static LoopbackSlack.Call finished(LoopbackSlack slack, String channel, String target) throws InterruptedException {
    LoopbackSlack.Call parent = slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT)
        .get(0);
    slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")) && c.get("text").startsWith(target + ":"), 1, WAIT);
    return parent;
  }

  /** No two posts in one conversation carry the same mark: nothing was posted twice. */
  private static void nothingTwice(LoopbackSlack slack) {
    Map<String, Integer> seen = new HashMap<>();
    for (LoopbackSlack.Call c : slack.calls("chat.postMessage")) {
      if (c.get("metadata") != null) {
        seen.merge(c.get("channel") + " " + c.get("metadata"), 1, Integer::sum);
      }
    }
    List<String> twice = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertTrue(twice.isEmpty(), "posted twice: " + twice);
  }

  private static void nobodyToldToTryAgain(LoopbackSlack slack) {
    List<LoopbackSlack.Call> told = slack.calls("response_url", c -> c.get("text").contains("try again"));
    assertTrue(told.isEmpty(), "told to try again: " + told.stream().map(c -> c.get("text")).toList());
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void theFirstMessageIsPostedOnceWhateverHappensToItsCall(Fault fault) throws Exception {
    try (BotHarness h = BotHarness.faulty(UnaryOperator.identity())) {
      h.faults.next(fault, r -> r.apiMethod().equals("chat.postMessage") && r.param("thread_ts") == null);
      h.command(TARGET, "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = finished(h.slack, "C1", TARGET);
      assertEquals(1, h.faults.injected(fault));
      assertEquals(1, parents(h.slack, "C1").size(), "one first message");
      assertEquals(Areas.ofDomainRun(), replies(h.slack, parent).size(), "one reply per area");
      assertTrue(parent.get("metadata").contains("\"event_type\":\"mailcheck_post\""), parent.get("metadata"));
      assertEquals(1L, h.bot.metrics().ambiguousPosts.sum());
      assertEquals(fault.reachesSlack() ? 1L : 0L, h.bot.metrics().postsFoundAfterFailure.sum(), "found in the channel's history");
      assertEquals(fault.reachesSlack() ? 0L : 1L, h.bot.metrics().postsSentAgain.sum(), "posted again");
      nobodyToldToTryAgain(h.slack);
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aThreadReplyIsPostedOnceWhateverHappensToItsCall(Fault fault) throws Exception {
    try (BotHarness h = BotHarness.faulty(UnaryOperator.identity())) {
      h.faults.next(fault, r -> r.apiMethod().equals("chat.postMessage") && r.param("thread_ts") != null
          && r.param("text").startsWith("Sending IPs"));
      h.command(TARGET, "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = finished(h.slack, "C1", TARGET);
      List<LoopbackSlack.Call> replies = replies(h.slack, parent);
      assertEquals(Areas.ofDomainRun(), replies.size(), "one reply per area, none twice");
      assertTrue(text(replies).contains("`ptr.missing` 198.51.100.20"), text(replies));
      LoopbackSlack.Call verdict = h.slack.calls("chat.update").get(h.slack.calls("chat.update").size() - 1);
      assertTrue(!String.join("\n", LoopbackSlack.texts(verdict)).contains("could not be posted"), "nothing reported lost");
      nothingTwice(h.slack);
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void theVerdictUpdateIsRetriedUntilItIsOnTheFirstMessage(Fault fault) throws Exception {
    try (BotHarness h = BotHarness.faulty(UnaryOperator.identity())) {
      h.faults.next(fault, r -> r.apiMethod().equals("chat.update"));
      h.command(TARGET, "U1", "C1", h.newResponseUrl());
      finished(h.slack, "C1", TARGET);
      assertEquals(1, h.faults.injected(fault));
      assertEquals(0L, h.bot.metrics().runsVerdictMoved.sum(), "the update went through");
      Eventually.await(() -> h.bot.metrics().runsCompleted.sum() == 1, WAIT, "the run counted as completed");
    }
  }

  @Test
  void fiftyConcurrentCommandsWithOneCallInTenFaultedAllEndWithTheirVerdictAndEveryFinding() throws Exception {
    List<String> targets = List.of("no-ptr.example.net", "example.com", "two-spf.example.net");
    int runs = 50;
    try (BotHarness h = BotHarness.faulty(s -> s.withLimits(16, 64, 5, Duration.ofMinutes(1)))) {
      Map<String, List<Finding>> expected = ExpectedFindings.of(h.dns.address(), targets);
      // Five channels, ten runs each: a lookup must find its own post among its neighbours'.
      h.faults.random(0.10, 20261203L, List.of(Fault.values()), r -> true);
      List<Thread> senders = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int n = i;
        senders.add(Thread.startVirtualThread(() -> {
          try {
            h.command(targets.get(n % targets.size()), "U" + n, "C" + (n % 5), h.newResponseUrl());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (Thread t : senders) {
        t.join();
      }
      long t0 = System.nanoTime();
      long end = t0 + Duration.ofSeconds(150).toNanos();
      for (int i = 0; i < runs; i++) {
        String user = "U" + i;
        String target = targets.get(i % targets.size());
        Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
        LoopbackSlack.Call parent = h.slack.await("chat.postMessage", c -> c.get("thread_ts") == null
            && c.get("text").equals("Checking " + target + " for <@" + user + ">…"), 1, left).get(0);
        h.slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")) && c.get("text").startsWith(target + ":"), 1,
            Duration.ofNanos(Math.max(0, end - System.nanoTime())));
      }
      // Every run is over: now nothing more can be posted, and what is there is final.
      Eventually.await(() -> h.bot.metrics().runsCompleted.sum() == runs, WAIT, "every run counted as completed");
      for (int i = 0; i < runs; i++) {
        String user = "U" + i;
        String target = targets.get(i % targets.size());
        List<LoopbackSlack.Call> mine = h.slack.calls("chat.postMessage", c -> c.get("thread_ts") == null
            && c.get("text").equals("Checking " + target + " for <@" + user + ">…"));
        assertEquals(1, mine.size(), "one first message for " + user);
        LoopbackSlack.Call parent = mine.get(0);
        List<LoopbackSlack.Call> updates = h.slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts")));
        assertTrue(updates.stream().allMatch(u -> u.get("text").startsWith(target + ":")), "only the verdict on the first message of " + user);
        String thread = text(replies(h.slack, parent));
        for (Finding f : expected.get(target)) {
          assertTrue(thread.contains(ExpectedFindings.shown(f)), user + "'s thread lacks " + ExpectedFindings.shown(f));
        }
      }
      nothingTwice(h.slack);
      nobodyToldToTryAgain(h.slack);
      int faults = h.faults.injectedTotal();
      System.out.printf("50 runs, %d calls faulted of %d (%s); ambiguous posts %d, found in history %d, posted again %d; verdicts %.1f s after the last command%n",
          faults, faults + h.faults.passed(), java.util.Arrays.stream(Fault.values()).map(f -> f + "=" + h.faults.injected(f))
              .collect(Collectors.joining(" ")), h.bot.metrics().ambiguousPosts.sum(), h.bot.metrics().postsFoundAfterFailure.sum(),
          h.bot.metrics().postsSentAgain.sum(), (System.nanoTime() - t0) / 1e9);
      assertTrue(faults >= 20, "faults were injected: " + faults);
    }
  }

  @Test
  void aCallThatNeverConnectedIsReportedAsNotSentAndADroppedOneAsAmbiguous() throws Exception {
    try (LoopbackSlack slack = new LoopbackSlack(); FaultyConnections relay = new FaultyConnections(slack.apiUrl())) {
      int closed;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      WebApiClient nowhere = new WebApiClient("http://127.0.0.1:" + closed + "/api/", "xoxb-t", Duration.ofSeconds(2));
      SlackCallException refused = org.junit.jupiter.api.Assertions.assertThrows(SlackCallException.class,
          () -> nowhere.postMessage("C1", null, SlackMessage.text("hi"), PostMark.parent("r")));
      assertTrue(refused.notSent() && refused.isTransient() && !refused.ambiguous(), refused.getMessage());

      WebApiClient client = new WebApiClient(relay.via(slack.apiUrl()), "xoxb-t", Duration.ofSeconds(2));
      relay.next(Fault.DROP_BEFORE, r -> true);
      SlackCallException dropped = org.junit.jupiter.api.Assertions.assertThrows(SlackCallException.class,
          () -> client.postMessage("C1", null, SlackMessage.text("hi"), PostMark.parent("r")));
      assertTrue(dropped.ambiguous(), dropped.getMessage());
      relay.next(Fault.STALL_AFTER, r -> true);
      SlackCallException stalled = org.junit.jupiter.api.Assertions.assertThrows(SlackCallException.class,
          () -> client.postMessage("C1", null, SlackMessage.text("hi"), PostMark.parent("r")));
      assertTrue(stalled.ambiguous(), stalled.getMessage());
      assertEquals(slack.calls("chat.postMessage").get(0).get("ts"), client.findPosted("C1", null, PostMark.parent("r"), java.time.Instant.EPOCH),
          "the stalled post is in the channel's history");
      nowhere.close();
      client.close();
    }
  }
}
