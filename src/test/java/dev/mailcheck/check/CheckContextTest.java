package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.evidence;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.playbook.FindingFactory;
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
        new FindingFactory());
  }

  @Test
  void sharedComputesOncePerKey() throws Exception {
    CheckContext ctx = context();
    AtomicInteger runs = new AtomicInteger();
    SharedKey<Integer> key = SharedKey.of("k", c -> CompletableFuture.completedFuture(runs.incrementAndGet()));
    CompletableFuture<Integer> a = ctx.get(key);
    CompletableFuture<Integer> b = ctx.get(key);
    assertSame(a, b);
    assertEquals(1, a.join());
    assertEquals(1, runs.get());
  }

  @Test
  void sharedComputeThatThrowsFailsItsWaitersAtOnce() throws Exception {
    CheckContext ctx = context();
    SharedKey<Object> broken = SharedKey.of("broken", c -> {
      throw new IllegalStateException("bad data");
    });
    CompletableFuture<Object> f = ctx.get(broken);
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
    assertEquals("example.com. TXT: REFUSED after 12 ms from 127.0.0.1:53", evidence(f).get(0));
    Finding other = ctx.dnsFailure("mx", DnsAnswer.failed(Name.fromConstantString("example.com."), Type.MX, DnsOutcome.ERROR,
        Duration.ZERO, "127.0.0.1:53"));
    assertEquals("dns.error", other.id());
    assertTrue(summary(other).contains("example.com. MX"), summary(other));
  }
}
