package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mailcheck.testing.DnsFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class CachingDnsClientTest {

  @Test
  void concurrentCallersShareOneWireQuestion() throws Exception {
    try (DnsFixture dns = DnsFixture.start("example.com. MX 10 mail.example.com.\n")) {
      // Latency keeps the first question in flight while the others arrive.
      dns.world().latency(Duration.ofMillis(100));
      QueryTrace trace = new QueryTrace();
      CachingDnsClient cache = new CachingDnsClient(new ResolverDnsClient(List.of(dns.address()), DnsFixture.PATIENT, 1, trace));
      int callers = 16;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
        List<java.util.concurrent.Future<CompletableFuture<DnsAnswer>>> asked = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String spelling = i % 2 == 0 ? "example.com" : "EXAMPLE.com.";
          asked.add(pool.submit(() -> {
            go.await();
            return cache.query(spelling, Type.MX);
          }));
        }
        go.countDown();
        for (var f : asked) {
          answers.add(f.get());
        }
      }
      DnsAnswer first = answers.get(0).join();
      answers.forEach(a -> assertSame(first, a.join()));
      assertEquals(DnsOutcome.NOERROR, first.outcome());
      assertEquals(1, dns.server().count("example.com", Type.MX));
      assertEquals(1, trace.size());
    }
  }

  @Test
  void differentTypesAreDifferentQuestions() {
    try (DnsFixture dns = DnsFixture.start("mail.example.com. A 192.0.2.10\n")) {
      CachingDnsClient cache = new CachingDnsClient(dns.client(new QueryTrace()));
      assertEquals(DnsOutcome.NOERROR, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(DnsOutcome.NODATA, cache.query("mail.example.com", Type.AAAA).join().outcome());
      assertEquals(DnsOutcome.NOERROR, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(1, dns.server().count("mail.example.com", Type.A));
      assertEquals(1, dns.server().count("mail.example.com", Type.AAAA));
    }
  }

  @Test
  void failuresAreCachedForTheRunToo() {
    try (DnsFixture dns = DnsFixture.start("mail.example.com. A 192.0.2.10\n")) {
      dns.world().fault("mail.example.com", dev.mailcheck.dns.server.Fault.SERVFAIL);
      CachingDnsClient cache = new CachingDnsClient(dns.client(new QueryTrace()));
      assertEquals(DnsOutcome.SERVFAIL, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(DnsOutcome.SERVFAIL, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(1, dns.server().count("mail.example.com", Type.A));
    }
  }

  @Test
  void acrossRunsKeepsAnswersAndAsksAgainAfterAFailure() {
    try (DnsFixture dns = DnsFixture.start("mail.example.com. A 192.0.2.10\nok.example.com. A 192.0.2.11\n")) {
      java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
      dns.world().fault(n -> broken.get() && n.toString().equals("mail.example.com."), dev.mailcheck.dns.server.Fault.SERVFAIL);
      CachingDnsClient cache = CachingDnsClient.acrossRuns(dns.client(new QueryTrace()));
      assertEquals(DnsOutcome.SERVFAIL, cache.query("mail.example.com", Type.A).join().outcome());
      broken.set(false);
      assertEquals(DnsOutcome.NOERROR, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(DnsOutcome.NOERROR, cache.query("mail.example.com", Type.A).join().outcome());
      assertEquals(2, dns.server().count("mail.example.com", Type.A));
      cache.query("ok.example.com", Type.A).join();
      cache.query("ok.example.com", Type.A).join();
      assertEquals(1, dns.server().count("ok.example.com", Type.A));
    }
  }
}
