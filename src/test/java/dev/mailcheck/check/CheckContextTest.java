package dev.mailcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.DnsFixture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class CheckContextTest {

  private static CheckContext context() throws Exception {
    return new CheckContext(new TargetParser(true).parse("example.com"), DnsFixture.options(),
        (name, type) -> CompletableFuture.completedFuture(DnsAnswer.failed(name, type, DnsOutcome.TIMEOUT, Duration.ZERO, "127.0.0.1:53")),
        new FindingFactory(Lang.EN));
  }

  @Test
  void sharedComputesOncePerKey() throws Exception {
    CheckContext ctx = context();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Integer> a = ctx.shared("k", c -> CompletableFuture.completedFuture(runs.incrementAndGet()));
    CompletableFuture<Integer> b = ctx.shared("k", c -> CompletableFuture.completedFuture(runs.incrementAndGet()));
    assertSame(a, b);
    assertEquals(1, a.join());
    assertEquals(1, runs.get());
  }

  @Test
  void sharedComputeThatThrowsFailsItsWaitersAtOnce() throws Exception {
    CheckContext ctx = context();
    CompletableFuture<Object> f = ctx.shared("broken", c -> {
      throw new IllegalStateException("bad data");
    });
    assertTrue(f.isCompletedExceptionally());
    CompletionException e = assertThrows(CompletionException.class, f::join);
    assertEquals("bad data", e.getCause().getMessage());
  }

  @Test
  void dnsFailureNamesTheQuestion() throws Exception {
    CheckContext ctx = context();
    DnsAnswer a = DnsAnswer.failed(Name.fromConstantString("example.com."), Type.TXT, DnsOutcome.REFUSED, Duration.ofMillis(12), "127.0.0.1:53");
    Finding f = ctx.dnsFailure("spf", a);
    assertEquals("dns.refused", f.id());
    assertEquals("spf", f.check());
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("example.com. TXT", f.subject());
    assertEquals("example.com. TXT: REFUSED after 12 ms from 127.0.0.1:53", f.evidence().get(0));
    Finding other = ctx.dnsFailure("mx", DnsAnswer.failed(Name.fromConstantString("example.com."), Type.MX, DnsOutcome.ERROR,
        Duration.ZERO, "127.0.0.1:53"));
    assertEquals("dns.error", other.id());
    assertTrue(other.summary().contains("example.com. MX"), other.summary());
  }
}
