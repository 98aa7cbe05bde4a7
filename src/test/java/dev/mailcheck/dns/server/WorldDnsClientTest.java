package dev.mailcheck.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.dns.QueryTrace;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/** The in-process client reads a world as the wire client reads a server, faults included. */
class WorldDnsClientTest {
  private static final DnsWorld WORLD = new DnsWorld().records("""
      example.com.        MX    10 mail.example.com.
      mail.example.com.   A     192.0.2.10
      www.example.com.    CNAME mail.example.com.
      """)
      .fault("timeout.example.com", Fault.TIMEOUT)
      .fault("servfail.example.com", Fault.SERVFAIL)
      .fault("refused.example.com", Fault.REFUSED)
      .fault("example.com", Type.TXT, Fault.TRUNCATE_NO_TCP)
      .fault("mail.example.com", Type.A, Fault.TRUNCATE);

  private final QueryTrace trace = new QueryTrace();
  private final WorldDnsClient client = new WorldDnsClient(WORLD, Duration.ofMillis(50), trace);

  @Test
  void answersNodataNxdomainAndFollowsCnames() {
    DnsAnswer mx = client.query("example.com", Type.MX).join();
    assertEquals(DnsOutcome.NOERROR, mx.outcome());
    assertEquals("mail.example.com.", mx.records(MXRecord.class).get(0).getTarget().toString());
    assertEquals(DnsOutcome.NODATA, client.query("example.com", Type.AAAA).join().outcome());
    assertEquals(DnsOutcome.NXDOMAIN, client.query("nothing.example.com", Type.A).join().outcome());
    DnsAnswer www = client.query("www.example.com", Type.A).join();
    assertEquals(1, www.aliases().size());
    assertEquals(1, www.records().size());
    assertEquals(WorldDnsClient.RESOLVER, www.resolver());
    assertEquals(1, client.count("example.com", Type.MX));
    assertEquals(trace.size(), 4);
  }

  @Test
  void faultsAreOutcomesNeverMissingRecords() {
    DnsAnswer t = client.query("timeout.example.com", Type.A).join();
    assertEquals(DnsOutcome.TIMEOUT, t.outcome());
    assertTrue(t.elapsed().compareTo(Duration.ofMillis(50)) >= 0);
    assertEquals(DnsOutcome.SERVFAIL, client.query("servfail.example.com", Type.MX).join().outcome());
    assertEquals(DnsOutcome.REFUSED, client.query("refused.example.com", Type.MX).join().outcome());
    DnsAnswer noTcp = client.query("example.com", Type.TXT).join();
    assertEquals(DnsOutcome.ERROR, noTcp.outcome());
    assertTrue(noTcp.tcpFailed());
    DnsAnswer truncated = client.query("mail.example.com", Type.A).join();
    assertEquals(DnsOutcome.NOERROR, truncated.outcome());
    assertTrue(truncated.viaTcp(), "a truncated answer is read in full, as over TCP");
    assertFalse(client.query("example.com", Type.MX).join().viaTcp());
  }

  @Test
  void latencyDelaysTheAnswer() {
    DnsWorld slow = new DnsWorld().records("slow.example. A 192.0.2.1\n").latency(Duration.ofMillis(80));
    WorldDnsClient c = new WorldDnsClient(slow, Duration.ofSeconds(1), new QueryTrace());
    long t0 = System.nanoTime();
    DnsAnswer a = c.query("slow.example", Type.A).join();
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(80).toNanos());
    assertEquals(DnsOutcome.NOERROR, a.outcome());
  }
}
