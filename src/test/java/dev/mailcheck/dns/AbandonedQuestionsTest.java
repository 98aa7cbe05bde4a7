package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.testing.DnsFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

/**
 * The transport survives what short deadlines do to it: thousands of questions given up on while
 * their answers are still on the way (late UDP answers, TCP after truncation, silent names), then a
 * normal question still gets its answer. No thread of the process dies of an exception meanwhile
 * (dnsjava 3.6.3's selector thread did: ConcurrentModificationException, CancelledKeyException).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbandonedQuestionsTest {
  private static final String ZONE = """
      late.example.com.   A     192.0.2.1
      trunc.example.com.  A     192.0.2.4
      slow.example.com.   A     192.0.2.5
      ok.example.com.     MX    10 mail.example.com.
      """;

  @Test
  void manyAbandonedQuestionsLeaveTheClientAnswering() throws Exception {
    DnsWorld world = new DnsWorld().records(ZONE)
        .latency("late.example.com", Duration.ofMillis(20))
        .fault("trunc.example.com", Fault.TRUNCATE)
        .fault("slow.example.com", Fault.TIMEOUT);
    ConcurrentLinkedQueue<String> died = new ConcurrentLinkedQueue<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> died.add(t.getName() + ": " + e));
    try (DnsFixture dns = DnsFixture.start(world)) {
      String[] names = {"late.example.com", "trunc.example.com", "slow.example.com", "ok.example.com"};
      int[] types = {Type.A, Type.A, Type.A, Type.MX};
      List<CompletableFuture<DnsAnswer>> asked = new ArrayList<>();
      for (int round = 0; round < 50; round++) {
        // A fresh client per round, as each run has: 1 ms per attempt, so nearly every answer
        // arrives after its question was given up.
        ResolverDnsClient impatient = new ResolverDnsClient(List.of(dns.address()), Duration.ofMillis(1), 2, new QueryTrace());
        for (int i = 0; i < 40; i++) {
          asked.add(impatient.query(names[i % names.length], types[i % types.length]));
        }
      }
      // Every abandoned question still ends, with an outcome (a timeout is an outcome, not an error).
      CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertEquals(2000, asked.size());

      ResolverDnsClient patient = new ResolverDnsClient(List.of(dns.address()), Duration.ofSeconds(2), 1, new QueryTrace());
      for (String name : List.of("ok.example.com", "trunc.example.com")) {
        DnsAnswer answer = patient.query(name, name.startsWith("ok") ? Type.MX : Type.A).get(5, TimeUnit.SECONDS);
        assertEquals(DnsOutcome.NOERROR, answer.outcome(), name + " after 2000 abandoned questions");
      }
      assertTrue(died.isEmpty(), "threads died: " + died);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
