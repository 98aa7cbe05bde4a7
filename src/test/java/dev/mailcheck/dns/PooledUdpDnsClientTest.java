package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.testing.DnsFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The scan's UDP client against a loopback server: answers, many at once, timeouts, truncation. */
class PooledUdpDnsClientTest {

  @Test
  void answersTimeoutsAndTruncationOnALoopbackServer() throws Exception {
    DnsWorld world = new DnsWorld().records("""
        5.2.0.192.zen.spamhaus.org. A 127.0.0.2
        big.example.com. TXT "v=spf1 -all"
        """);
    world.fault("slow.example.com.", Fault.TIMEOUT);
    world.fault("big.example.com.", Fault.TRUNCATE);
    QueryTrace trace = new QueryTrace();
    try (DnsFixture dns = DnsFixture.start(world);
        PooledUdpDnsClient client = new PooledUdpDnsClient(dns.address(), Duration.ofMillis(200), 2, trace)) {
      DnsAnswer listed = client.query("5.2.0.192.zen.spamhaus.org", Type.A).get(5, TimeUnit.SECONDS);
      assertEquals(DnsOutcome.NOERROR, listed.outcome());
      assertEquals("127.0.0.2", listed.records().get(0).rdataToString());
      List<CompletableFuture<DnsAnswer>> many = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        many.add(client.query(i + ".0.0.10.zen.spamhaus.org", Type.A));
      }
      for (CompletableFuture<DnsAnswer> f : many) {
        assertEquals(DnsOutcome.NXDOMAIN, f.get(5, TimeUnit.SECONDS).outcome());
      }
      DnsAnswer slow = client.query("slow.example.com", Type.A).get(5, TimeUnit.SECONDS);
      assertEquals(DnsOutcome.TIMEOUT, slow.outcome());
      DnsAnswer big = client.query("big.example.com", Type.TXT).get(5, TimeUnit.SECONDS);
      assertEquals(DnsOutcome.NOERROR, big.outcome());
      assertEquals(true, big.viaTcp());
    }
  }
}
