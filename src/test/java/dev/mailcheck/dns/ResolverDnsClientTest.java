package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.testing.DnsFixture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ResolverDnsClientTest {
  private static final String ZONE = """
      example.com.            MX    10 mail.example.com.
      mail.example.com.       A     192.0.2.10
      www.example.com.        CNAME web.example.net.
      web.example.net.        CNAME front.example.org.
      front.example.org.      A     192.0.2.80
      dangling.example.com.   CNAME nowhere.example.net.
      slow.example.com.       A     192.0.2.1
      broken.example.com.     A     192.0.2.2
      closed.example.com.     A     192.0.2.3
      trunc.example.com.      A     192.0.2.4
      notcp.example.com.      A     192.0.2.5
      """;

  private DnsFixture dns;
  private QueryTrace trace;
  private ResolverDnsClient client;

  @BeforeEach
  void start() {
    DnsWorld world = new DnsWorld().records(ZONE)
        .fault("slow.example.com", Fault.TIMEOUT)
        .fault("broken.example.com", Fault.SERVFAIL)
        .fault("closed.example.com", Fault.REFUSED)
        .fault("trunc.example.com", Fault.TRUNCATE)
        .fault("notcp.example.com", Fault.TRUNCATE_NO_TCP);
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      big.append("big.example.com. TXT \"").append(String.valueOf((char) ('a' + i)).repeat(200)).append("\"\n");
    }
    world.records(big.toString());
    dns = DnsFixture.start(world);
    trace = new QueryTrace();
    client = dns.client(trace);
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private DnsAnswer ask(String name, int type) {
    return client.query(name, type).join();
  }

  @Test
  void noerrorCarriesTheRecordsOfTheAskedType() {
    DnsAnswer a = ask("example.com", Type.MX);
    assertEquals(DnsOutcome.NOERROR, a.outcome());
    assertTrue(a.outcome().answered());
    assertFalse(a.outcome().empty());
    List<MXRecord> mx = a.records(MXRecord.class);
    assertEquals(1, mx.size());
    assertEquals("mail.example.com.", mx.get(0).getTarget().toString());
    assertEquals("example.com. MX", a.question());
    assertEquals(dns.dnsArg(), a.resolver());
    assertFalse(a.viaTcp());
    assertTrue(a.aliases().isEmpty());
  }

  @Test
  void nxdomainForANameThatDoesNotExist() {
    DnsAnswer a = ask("nope.example.com", Type.A);
    assertEquals(DnsOutcome.NXDOMAIN, a.outcome());
    assertTrue(a.outcome().empty());
    assertTrue(a.outcome().answered());
    assertTrue(a.records().isEmpty());
  }

  @Test
  void nodataForANameWithoutRecordsOfThatType() {
    DnsAnswer a = ask("mail.example.com", Type.AAAA);
    assertEquals(DnsOutcome.NODATA, a.outcome());
    assertTrue(a.outcome().empty());
  }

  @Test
  void servfailIsAFailureNotAnEmptyAnswer() {
    DnsAnswer a = ask("broken.example.com", Type.A);
    assertEquals(DnsOutcome.SERVFAIL, a.outcome());
    assertFalse(a.outcome().answered());
    assertFalse(a.outcome().empty());
  }

  @Test
  void refusedIsAFailureNotAnEmptyAnswer() {
    DnsAnswer a = ask("closed.example.com", Type.A);
    assertEquals(DnsOutcome.REFUSED, a.outcome());
    assertFalse(a.outcome().answered());
    assertFalse(a.outcome().empty());
  }

  @Test
  void timeoutNeverReadsAsEmptyAndIsRetriedOnce() {
    DnsAnswer a = ask("slow.example.com", Type.A);
    assertEquals(DnsOutcome.TIMEOUT, a.outcome());
    assertFalse(a.outcome().answered());
    assertFalse(a.outcome().empty());
    assertTrue(a.records().isEmpty());
    // One retry: the single resolver was asked twice.
    assertEquals(2, dns.server().count("slow.example.com", Type.A));
    QueryTrace.Entry e = trace.entries().get(0);
    assertEquals(DnsOutcome.TIMEOUT, e.outcome());
    assertEquals(2, e.attempts());
    assertTrue(e.line().contains("2 attempts"), e.line());
  }

  @Test
  void truncatedUdpAnswerIsAskedAgainOverTcp() {
    DnsAnswer a = ask("trunc.example.com", Type.A);
    assertEquals(DnsOutcome.NOERROR, a.outcome());
    assertTrue(a.viaTcp());
    assertEquals("192.0.2.4", a.records(ARecord.class).get(0).getAddress().getHostAddress());
    assertEquals(1, dns.server().tcpQueries());
    assertTrue(trace.entries().get(0).viaTcp());
  }

  @Test
  void answerLargerThanTheEdnsPayloadFallsBackToTcpComplete() {
    DnsAnswer a = ask("big.example.com", Type.TXT);
    assertEquals(DnsOutcome.NOERROR, a.outcome());
    assertTrue(a.viaTcp(), "12 x 200-byte strings exceed the 1232-byte EDNS payload");
    List<TXTRecord> txt = a.records(TXTRecord.class);
    assertEquals(12, txt.size());
    String joined = txt.stream().map(t -> t.getStrings().get(0)).sorted().collect(Collectors.joining());
    assertEquals(12 * 200, joined.length());
  }

  @Test
  void truncationWithTcpRefusedIsAFailureNotEmpty() {
    DnsAnswer a = ask("notcp.example.com", Type.A);
    assertEquals(DnsOutcome.ERROR, a.outcome(), "got " + a);
    assertFalse(a.outcome().answered(), "got " + a);
    assertFalse(a.outcome().empty());
    assertTrue(a.records().isEmpty());
    assertTrue(a.tcpFailed(), "got " + a);
    assertFalse(ask("slow.example.com", Type.A).tcpFailed());
    assertFalse(ask("trunc.example.com", Type.A).tcpFailed());
  }

  @Test
  void cnameChainIsFollowedAndKept() {
    DnsAnswer a = ask("www.example.com", Type.A);
    assertEquals(DnsOutcome.NOERROR, a.outcome());
    assertEquals(List.of("web.example.net.", "front.example.org."),
        a.aliases().stream().map(c -> c.getTarget().toString()).toList());
    assertEquals("www.example.com.", a.aliases().get(0).getName().toString());
    assertEquals("front.example.org.", a.records().get(0).getName().toString());
    assertEquals("192.0.2.80", a.records(ARecord.class).get(0).getAddress().getHostAddress());
  }

  @Test
  void askingForTheCnameItselfGivesTheCname() {
    DnsAnswer a = ask("www.example.com", Type.CNAME);
    assertEquals(DnsOutcome.NOERROR, a.outcome());
    assertEquals(1, a.records().size());
    assertTrue(a.aliases().isEmpty());
  }

  @Test
  void danglingCnameIsEmptyWithTheAliasKept() {
    DnsAnswer a = ask("dangling.example.com", Type.A);
    // RFC 6604 §3: the RCODE speaks of the last name of the chain.
    assertEquals(DnsOutcome.NXDOMAIN, a.outcome(), "got " + a);
    assertEquals(1, a.aliases().size());
  }

  @Test
  void relativeNamesAreMadeAbsolute() {
    DnsAnswer a = ask("mail.example.com", Type.A);
    assertEquals("mail.example.com.", a.name().toString());
    assertEquals(1, dns.server().count("mail.example.com.", Type.A));
  }

  @Test
  void traceRecordsEachWireQuestion() {
    ask("example.com", Type.MX);
    ask("nope.example.com", Type.A);
    ask("trunc.example.com", Type.A);
    List<QueryTrace.Entry> entries = trace.entries();
    assertEquals(3, entries.size());
    assertEquals(List.of("example.com. MX NOERROR", "nope.example.com. A NXDOMAIN", "trunc.example.com. A NOERROR"),
        entries.stream().map(e -> e.name() + " " + e.type() + " " + e.outcome()).toList());
    assertTrue(entries.stream().allMatch(e -> e.resolver().equals(dns.dnsArg())));
    assertEquals(List.of(false, false, true), entries.stream().map(QueryTrace.Entry::viaTcp).toList());
  }

  @Test
  void retryGoesToTheSecondResolverWhenTheFirstIsSilent() throws Exception {
    DnsWorld silent = new DnsWorld().fault(n -> true, Fault.TIMEOUT);
    try (LoopbackDnsServer first = LoopbackDnsServer.start(silent)) {
      ResolverDnsClient two = new ResolverDnsClient(List.of(first.address(), dns.address()), Duration.ofMillis(250), 2, trace);
      DnsAnswer a = two.query("example.com", Type.MX).join();
      assertEquals(DnsOutcome.NOERROR, a.outcome());
      assertEquals(dns.dnsArg(), a.resolver());
      assertEquals(1, first.count("example.com", Type.MX));
      assertEquals(1, dns.server().count("example.com", Type.MX));
      assertEquals(2, trace.entries().get(0).attempts());
    }
  }

  @Test
  void retryGoesToTheSecondResolverOnServfail() throws Exception {
    DnsWorld failing = new DnsWorld().fault(n -> true, Fault.SERVFAIL);
    try (LoopbackDnsServer first = LoopbackDnsServer.start(failing)) {
      ResolverDnsClient two = new ResolverDnsClient(List.of(first.address(), dns.address()), Duration.ofMillis(250), 2, trace);
      DnsAnswer a = two.query("mail.example.com", Type.A).join();
      assertEquals(DnsOutcome.NOERROR, a.outcome());
      assertEquals(dns.dnsArg(), a.resolver());
      assertEquals(1, first.count("mail.example.com", Type.A));
    }
  }

  @Test
  void servfailFromTheOnlyResolverIsNotRetried() {
    ask("broken.example.com", Type.A);
    assertEquals(1, dns.server().count("broken.example.com", Type.A));
  }

  @Test
  void bothResolversFailingGivesTheFailure() throws Exception {
    DnsWorld failing = new DnsWorld().fault(n -> true, Fault.SERVFAIL);
    try (LoopbackDnsServer first = LoopbackDnsServer.start(failing)) {
      ResolverDnsClient two = new ResolverDnsClient(List.of(first.address(), dns.address()), Duration.ofMillis(250), 2, trace);
      DnsAnswer a = two.query("slow.example.com", Type.A).join();
      assertEquals(DnsOutcome.TIMEOUT, a.outcome());
      assertNotEquals(DnsOutcome.NXDOMAIN, a.outcome());
    }
  }

  @Test
  void aResolverWithNothingListeningIsAFailureNotEmpty() throws Exception {
    InetSocketAddress dead;
    try (LoopbackDnsServer gone = LoopbackDnsServer.start(new DnsWorld())) {
      dead = gone.address();
    }
    ResolverDnsClient c = new ResolverDnsClient(List.of(dead), Duration.ofMillis(250), 2, trace);
    DnsAnswer a = c.query("example.com", Type.MX).join();
    assertFalse(a.outcome().answered(), "got " + a);
    assertFalse(a.outcome().empty());
  }

  @Test
  void independentQueriesRunInParallel() {
    Duration latency = Duration.ofMillis(150);
    dns.world().latency(latency);
    List<String> names = List.of("example.com", "mail.example.com", "www.example.com", "nope.example.com",
        "slow2.example.com", "front.example.org");
    ResolverDnsClient patient = new ResolverDnsClient(List.of(dns.address()), DnsFixture.PATIENT, 1, trace);
    long t0 = System.nanoTime();
    var futures = names.stream().map(n -> patient.query(n, Type.A)).toList();
    futures.forEach(f -> assertTrue(f.join().outcome().answered()));
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    // Each answer waited out the latency, yet together they took far less than one after another.
    assertTrue(trace.totalQueryTime().toMillis() >= names.size() * latency.toMillis());
    assertTrue(wallMs < names.size() * latency.toMillis(),
        "wall " + wallMs + " ms vs sum " + names.size() * latency.toMillis() + " ms");
  }
}
