package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mailcheck.bench.LoopbackSlack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/**
 * The publisher's retry and ordering rules against the Slack API interface (mocked: each failure
 * is one line), and once against the loopback Web API for what ends up in Slack.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PublisherTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final SlackMessage HELLO = SlackMessage.text("Checking example.com…");
  private static final PostMark MARK = PostMark.parent("run-1");

  private final SlackApi api = mock(SlackApi.class);
  private final BotMetrics metrics = new BotMetrics();
  private final Publisher publisher = new Publisher(api, metrics, Duration.ofMillis(1), Clock.fixed(NOW, ZoneOffset.UTC));

  private static SlackCallException notSent() {
    return new SlackCallException("chat.postMessage", "network: ConnectException", null, true, true);
  }

  private static SlackCallException dropped() {
    return new SlackCallException("chat.postMessage", "network: IOException", null, true, false);
  }

  private static SlackCallException refused(String error) {
    return new SlackCallException("chat.postMessage", error, null, false);
  }

  @Test
  void aPostThatWasNeverSentIsSimplyPostedAgain() throws Exception {
    when(api.postMessage("C1", null, HELLO, MARK)).thenThrow(notSent()).thenReturn("1.1");
    assertEquals("1.1", publisher.postOnce("C1", null, HELLO, MARK));
    verify(api, times(2)).postMessage("C1", null, HELLO, MARK);
    verify(api, never()).findPosted(any(), any(), any(), any());
  }

  @Test
  void aPostThatMayHaveArrivedIsLookedForAndNotPostedAgainWhenSlackHasIt() throws Exception {
    when(api.postMessage("C1", null, HELLO, MARK)).thenThrow(dropped());
    when(api.findPosted(eq("C1"), isNull(), eq(MARK), any())).thenReturn("1.7");
    assertEquals("1.7", publisher.postOnce("C1", null, HELLO, MARK));
    verify(api, times(1)).postMessage("C1", null, HELLO, MARK);
    verify(api).findPosted("C1", null, MARK, NOW.minus(Duration.ofMinutes(1)));
    assertEquals(1L, metrics.postsFoundAfterFailure.sum());
  }

  @Test
  void aPostSlackDoesNotHaveIsPostedAgainOnlyAfterLooking() throws Exception {
    when(api.postMessage("C1", "1.1", HELLO, MARK)).thenThrow(dropped()).thenReturn("1.2");
    when(api.findPosted(any(), any(), any(), any())).thenReturn(null);
    assertEquals("1.2", publisher.postOnce("C1", "1.1", HELLO, MARK));
    InOrder order = inOrder(api);
    order.verify(api).postMessage("C1", "1.1", HELLO, MARK);
    order.verify(api).findPosted(eq("C1"), eq("1.1"), eq(MARK), any());
    order.verify(api).postMessage("C1", "1.1", HELLO, MARK);
    assertEquals(1L, metrics.postsSentAgain.sum());
  }

  @Test
  void aDefinitiveRefusalIsNeitherRetriedNorLookedFor() throws Exception {
    SlackCallException gone = refused(SlackCallException.CHANNEL_NOT_FOUND);
    when(api.postMessage(any(), any(), any(), any())).thenThrow(gone);
    assertSame(gone, assertThrows(SlackCallException.class, () -> publisher.postOnce("C1", null, HELLO, MARK)));
    verify(api, times(1)).postMessage(any(), any(), any(), any());
    verify(api, never()).findPosted(any(), any(), any(), any());
  }

  @Test
  void whenSlackCannotSayWhetherItHasThePostItIsNotPostedBlindly() throws Exception {
    SlackCallException first = dropped();
    when(api.postMessage(any(), any(), any(), any())).thenThrow(first);
    when(api.findPosted(any(), any(), any(), any())).thenThrow(new SlackCallException("conversations.history", "http_503", null, true));
    assertSame(first, assertThrows(SlackCallException.class, () -> publisher.postOnce("C1", null, HELLO, MARK)));
    verify(api, times(1)).postMessage(any(), any(), any(), any());
  }

  @Test
  void whereTheConversationCannotBeReadTheMessageIsPostedAgainRatherThanLost() throws Exception {
    when(api.postMessage("C1", null, HELLO, MARK)).thenThrow(dropped()).thenReturn("1.3");
    when(api.findPosted(any(), any(), any(), any())).thenThrow(new SlackCallException("conversations.history", "missing_scope", null, false));
    assertEquals("1.3", publisher.postOnce("C1", null, HELLO, MARK));
    verify(api, times(2)).postMessage("C1", null, HELLO, MARK);
  }

  @Test
  void aSlackThatKeepsDroppingIsGivenUpOnAfterTheLastRound() throws Exception {
    when(api.postMessage(any(), any(), any(), any())).thenThrow(dropped());
    when(api.findPosted(any(), any(), any(), any())).thenReturn(null);
    SlackCallException e = assertThrows(SlackCallException.class, () -> publisher.postOnce("C1", null, HELLO, MARK));
    assertTrue(e.ambiguous());
    verify(api, times(Publisher.POST_ROUNDS)).postMessage(any(), any(), any(), any());
    verify(api, times(Publisher.POST_ROUNDS - 1)).findPosted(any(), any(), any(), any());
  }

  @Test
  void aRateLimitIsWaitedOutAndTheSameCallMadeAgain() throws Exception {
    when(api.postMessage("C1", null, HELLO, MARK))
        .thenThrow(new SlackCallException("chat.postMessage", SlackCallException.RATELIMITED, Duration.ZERO, true))
        .thenReturn("1.4");
    assertEquals("1.4", publisher.postOnce("C1", null, HELLO, MARK));
    verify(api, never()).findPosted(any(), any(), any(), any());
    assertEquals(1L, metrics.rateLimited.sum());
  }

  @Test
  void anUpdateIsIdempotentSoItIsRetriedAfterAnAmbiguousFailureWithoutLooking() throws Exception {
    org.mockito.Mockito.doThrow(new SlackCallException("chat.update", "http_500", null, true)).doNothing()
        .when(api).update("C1", "1.1", HELLO);
    publisher.updateWithFallback("C1", "1.1", HELLO, MARK.part("9"));
    verify(api, times(2)).update("C1", "1.1", HELLO);
    verify(api, never()).findPosted(any(), any(), any(), any());
  }

  @Test
  void postsToOneThreadGoOutInTheOrderTheyWereQueuedEvenWhenTheFirstIsSlow() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SlackMessage a = SlackMessage.text("a");
    SlackMessage b = SlackMessage.text("b");
    when(api.postMessage(eq("C1"), eq("1.1"), eq(a), any())).thenAnswer(inv -> {
      firstStarted.countDown();
      assertTrue(release.await(10, TimeUnit.SECONDS));
      return "1.2";
    });
    when(api.postMessage(eq("C1"), eq("1.1"), eq(b), any())).thenReturn("1.3");
    ThreadPoster thread = publisher.thread("C1", "1.1", "run-1");
    CompletableFuture<Void> first = thread.reply(List.of(a));
    CompletableFuture<Void> second = thread.reply(List.of(b));
    assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
    verify(api, never()).postMessage(eq("C1"), eq("1.1"), eq(b), any());
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    InOrder order = inOrder(api);
    order.verify(api).postMessage("C1", "1.1", a, new PostMark("run-1", "1"));
    order.verify(api).postMessage("C1", "1.1", b, new PostMark("run-1", "2"));
    publisher.close();
  }

  @Test
  void aRefusedUpdateLongerThanOnePlainMessageContinuesInTheThread() throws Exception {
    try (LoopbackSlack slack = new LoopbackSlack(); Publisher p = new Publisher(new WebApiClient(slack.apiUrl(), "xoxb-t"), new BotMetrics())) {
      String ts = p.postOnce("C1", null, SlackMessage.text("Checking…"), MARK);
      slack.refuseBlocks(params -> params.containsKey("ts"));
      String a = "first-part " + "a".repeat(2500);
      String b = "second-part " + "b".repeat(2500);
      String c = "third-part " + "c".repeat(2500);
      SlackMessage verdict = new SlackMessage("verdict", Blocks.toJson(List.of(Blocks.section(a), Blocks.section(b), Blocks.section(c))));
      p.updateWithFallback("C1", ts, verdict, MARK.part("1"));

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
