package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** At most so many questions in flight; the others wait, in order, without being lost. */
class LimitingDnsClientTest {

  /** A client whose answers the test gives by hand, counting what is in flight. */
  private static final class HeldClient implements DnsClient {
    final ConcurrentLinkedQueue<CompletableFuture<DnsAnswer>> pending = new ConcurrentLinkedQueue<>();
    final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @Override
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
      asked.add(name.toString());
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<DnsAnswer> f = new CompletableFuture<>();
      pending.add(f);
      return f.whenComplete((a, e) -> inFlight.decrementAndGet());
    }

    boolean answerOne() {
      CompletableFuture<DnsAnswer> f = pending.poll();
      if (f == null) {
        return false;
      }
      f.complete(DnsAnswer.failed(Name.root, Type.A, DnsOutcome.NXDOMAIN, Duration.ZERO, "held"));
      return true;
    }
  }

  @Test
  void questionsPastTheBoundWaitForAnAnswerAndAllAreAnswered() {
    HeldClient held = new HeldClient();
    LimitingDnsClient.Limit limit = new LimitingDnsClient.Limit(3);
    LimitingDnsClient client = new LimitingDnsClient(held, limit);
    List<CompletableFuture<DnsAnswer>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(client.query("q" + i + ".example", Type.A));
    }
    assertEquals(3, held.asked.size(), "only the bound is sent at once");
    assertEquals(3, limit.inFlight());
    while (held.answerOne()) {
      assertTrue(held.inFlight.get() <= 3);
    }
    assertTrue(all.stream().allMatch(CompletableFuture::isDone));
    assertEquals(10, held.asked.size());
    assertEquals(3, held.most.get());
    assertEquals("q0.example.", held.asked.get(0));
    assertEquals("q9.example.", held.asked.get(9), "sent in the order asked");
    assertEquals(0, limit.inFlight());
  }

  @Test
  void clientsSharingALimitShareTheBound() {
    HeldClient held = new HeldClient();
    LimitingDnsClient.Limit limit = new LimitingDnsClient.Limit(2);
    LimitingDnsClient a = new LimitingDnsClient(held, limit);
    LimitingDnsClient b = new LimitingDnsClient(held, limit);
    CompletableFuture<DnsAnswer> first = a.query("a1.example", Type.A);
    a.query("a2.example", Type.A);
    CompletableFuture<DnsAnswer> waiting = b.query("b1.example", Type.A);
    assertEquals(2, held.asked.size());
    held.answerOne();
    assertTrue(first.isDone());
    assertEquals(List.of("a1.example.", "a2.example.", "b1.example."), held.asked);
    held.answerOne();
    held.answerOne();
    assertTrue(waiting.isDone());
  }

  @Test
  void answersThatComeAtOnceDoNotDeepenTheStack() {
    // A client that answers on the asking thread: ten thousand questions through a bound of one.
    DnsClient instant = (name, type) -> CompletableFuture.completedFuture(
        DnsAnswer.failed(name, type, DnsOutcome.NODATA, Duration.ZERO, "instant"));
    LimitingDnsClient client = new LimitingDnsClient(instant, new LimitingDnsClient.Limit(1));
    List<CompletableFuture<DnsAnswer>> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      all.add(client.query("n" + i + ".example", Type.A));
    }
    assertTrue(all.stream().allMatch(f -> f.join().outcome() == DnsOutcome.NODATA));
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LimitingDnsClient.Limit(0));
  }
}
