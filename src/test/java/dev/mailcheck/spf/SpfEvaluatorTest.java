package dev.mailcheck.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Engine behaviour beyond the suite: the prefetcher's bounds, void lookups per family, HELO identity. */
class SpfEvaluatorTest {
  static LoopbackDnsServer server;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder z = new StringBuilder("many.test. TXT \"v=spf1");
    for (int i = 1; i <= 12; i++) {
      z.append("\" \" include:i").append(i).append(".many.test");
    }
    z.append(" -all\"\n");
    for (int i = 1; i <= 12; i++) {
      z.append("i").append(i).append(".many.test. TXT \"v=spf1 ip4:198.51.100.").append(i).append(" -all\"\n");
    }
    z.append("""
        after.test.      TXT "v=spf1 ip4:192.0.2.1 -all include:never.test a:never-a.test"
        v4only.test.     TXT "v=spf1 a:h1.v4only.test a:h2.v4only.test a:h3.v4only.test -all"
        h1.v4only.test.  A   192.0.2.1
        h2.v4only.test.  A   192.0.2.2
        h3.v4only.test.  A   192.0.2.3
        helo.test.       TXT "v=spf1 a -all"
        helo.test.       A   192.0.2.20
        """);
    z.append("slow.test. TXT \"v=spf1 -all\"\n");
    // An AAAA record holding an IPv4-mapped address: compared as the IPv6 address it is.
    z.append("mapped.test. TXT \"v=spf1 a:h.mapped.test//0 -all\"\n");
    z.append("h.mapped.test. AAAA ::ffff:192.0.2.60\n");
    z.append("mapped96.test. TXT \"v=spf1 a:h.mapped.test//96 -all\"\n");
    // 11 PTR names for 192.0.2.50; only the 11th has the client's address.
    z.append("ptr11.test. TXT \"v=spf1 ptr -all\"\n");
    for (int i = 1; i <= 11; i++) {
      z.append("50.2.0.192.in-addr.arpa. PTR h").append(i).append(".ptr11.test.\n");
      z.append("h").append(i).append(".ptr11.test. A ").append(i == 11 ? "192.0.2.50" : "198.51.100." + i).append("\n");
    }
    // The same with the client's name 10th: it is used.
    z.append("ptr10.test. TXT \"v=spf1 ptr -all\"\n");
    for (int i = 1; i <= 11; i++) {
      z.append("51.2.0.192.in-addr.arpa. PTR h").append(i).append(".ptr10.test.\n");
      z.append("h").append(i).append(".ptr10.test. A ").append(i == 10 ? "192.0.2.51" : "198.51.100." + i).append("\n");
    }
    z.append("expslow.test. TXT \"v=spf1 -all exp=why.expslow.test\"\n");
    z.append("why.expslow.test. TXT \"%{i} is not allowed\"\n");
    z.append("expfast.test. TXT \"v=spf1 -all exp=why.expfast.test\"\n");
    z.append("why.expfast.test. TXT \"%{i} is not allowed\"\n");
    // Evaluation ends at include:gone (no record); later's terms are never needed.
    z.append("dead.test. TXT \"v=spf1 include:slow1.dead.test include:gone.dead.test include:later.dead.test -all\"\n");
    z.append("slow1.dead.test. TXT \"v=spf1 ?all\"\n");
    z.append("later.dead.test. TXT \"v=spf1 a:never.dead.test -all\"\n");
    server = LoopbackDnsServer.start(new DnsWorld().records(z.toString())
        .latency("slow1.dead.test", Duration.ofSeconds(1))
        // Well after gone's immediate NXDOMAIN even on a loaded machine (at 100 ms the two answers
        // could swap and later's terms be prefetched), well before slow1's.
        .latency("later.dead.test", Duration.ofMillis(500))
        .latency("slow.test", Duration.ofSeconds(2))
        .latency("why.expslow.test", Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static SpfOutcome check(String ip, String mailFrom, String helo) throws Exception {
    ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), Duration.ofSeconds(1), 1, new QueryTrace());
    return new SpfEvaluator(dns).checkHost(new SpfRequest(InetAddress.getByName(ip), mailFrom, helo)).join();
  }

  @Test
  void prefetchStaysWithinTheLookupLimit() throws Exception {
    SpfOutcome o = check("203.0.113.1", "a@many.test", "h.example");
    assertEquals(SpfResult.PERMERROR, o.result());
    assertTrue(o.reason().contains("11th is include:i11.many.test"), o.reason());
    assertEquals(1, server.count("i10.many.test", Type.TXT));
    // Past the 10th DNS-querying term nothing is fetched, not even ahead of time.
    assertEquals(0, server.count("i11.many.test", Type.TXT));
    assertEquals(0, server.count("i12.many.test", Type.TXT));
  }

  @Test
  void nothingAfterAllIsFetched() throws Exception {
    assertEquals(SpfResult.FAIL, check("203.0.113.1", "a@after.test", "h.example").result());
    assertEquals(0, server.count("never.test", Type.TXT));
    assertEquals(0, server.count("never-a.test", Type.A));
  }

  @Test
  void ipv4OnlyHostsAreVoidOnlyForIpv6Clients() throws Exception {
    SpfOutcome v4 = check("203.0.113.1", "a@v4only.test", "h.example");
    assertEquals(SpfResult.FAIL, v4.result());
    assertEquals(0, v4.voidLookups());
    SpfOutcome v6 = check("2001:db8::1", "a@v4only.test", "h.example");
    assertEquals(SpfResult.PERMERROR, v6.result());
    assertEquals(3, v6.voidLookups());
  }

  @Test
  void overallTimeLimitGivesTemperror() throws Exception {
    ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), Duration.ofSeconds(5), 1, new QueryTrace());
    SpfOutcome o = new SpfEvaluator(dns, true, Duration.ofMillis(300))
        .checkHost(new SpfRequest(InetAddress.getByName("192.0.2.1"), "a@slow.test", "h.example")).join();
    assertEquals(SpfResult.TEMPERROR, o.result());
    assertTrue(o.reason().contains("no result within 300 ms"), o.reason());
  }

  @Test
  void slowExplanationLeavesTheFailWithoutExplanation() throws Exception {
    ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), Duration.ofSeconds(5), 1, new QueryTrace());
    SpfEvaluator evaluator = new SpfEvaluator(dns, true, Duration.ofMillis(500));
    SpfOutcome slow = evaluator.checkHost(new SpfRequest(InetAddress.getByName("192.0.2.9"), "a@expslow.test", "h.example")).join();
    assertEquals(SpfResult.FAIL, slow.result(), String.valueOf(slow.reason()));
    assertEquals("-all", slow.mechanism());
    assertNull(slow.explanation());
    SpfOutcome fast = evaluator.checkHost(new SpfRequest(InetAddress.getByName("192.0.2.9"), "a@expfast.test", "h.example")).join();
    assertEquals(SpfResult.FAIL, fast.result());
    assertEquals("192.0.2.9 is not allowed", fast.explanation());
  }

  @Test
  void onlyTheFirstTenPtrNamesAreUsed() throws Exception {
    SpfOutcome eleventh = check("192.0.2.50", "a@ptr11.test", "h.example");
    assertEquals(SpfResult.FAIL, eleventh.result());
    assertEquals("-all", eleventh.mechanism());
    SpfOutcome tenth = check("192.0.2.51", "a@ptr10.test", "h.example");
    assertEquals(SpfResult.PASS, tenth.result());
    assertEquals("ptr", tenth.mechanism());
  }

  @Test
  void ipv4MappedAaaaIsComparedAsIpv6() throws Exception {
    // /0 of an IPv6 address covers every IPv6 client.
    SpfOutcome any = check("2001:db8::7", "a@mapped.test", "h.example");
    assertEquals(SpfResult.PASS, any.result());
    assertEquals("a:h.mapped.test//0", any.mechanism());
    // ::ffff:0:0/96 does not cover 2001:db8::7.
    assertEquals(SpfResult.FAIL, check("2001:db8::7", "a@mapped96.test", "h.example").result());
    // An IPv4 client is compared with A records only: the AAAA, mapped or not, is not its family.
    assertEquals(SpfResult.FAIL, check("192.0.2.60", "a@mapped.test", "h.example").result());
    assertTrue(server.count("h.mapped.test", Type.AAAA) > 0, "the AAAA was asked for the IPv6 client");
  }

  @Test
  void nothingPastAnIncludeWithoutRecordIsFetched() throws Exception {
    ResolverDnsClient dns = new ResolverDnsClient(List.of(server.address()), Duration.ofSeconds(3), 1, new QueryTrace());
    SpfOutcome o = new SpfEvaluator(dns).checkHost(new SpfRequest(InetAddress.getByName("192.0.2.1"), "a@dead.test", "h.example")).join();
    assertEquals(SpfResult.PERMERROR, o.result());
    assertEquals("include:gone.dead.test", o.mechanism());
    // later.dead.test's record arrived while evaluation still waited for slow1, after gone was known to have none.
    // On a loaded machine the prefetch may reach the server only after the result: wait for it (bounded).
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (server.count("later.dead.test", Type.TXT) == 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
      Thread.sleep(5);
    }
    assertEquals(1, server.count("later.dead.test", Type.TXT));
    assertEquals(0, server.count("never.dead.test", Type.A));
  }

  @Test
  void heloIdentityAndNoExplanationWithoutExp() throws Exception {
    SpfOutcome o = check("192.0.2.20", "", "helo.test");
    assertEquals(SpfResult.PASS, o.result());
    assertEquals("a", o.mechanism());
    SpfOutcome f = check("192.0.2.21", "", "helo.test");
    assertEquals(SpfResult.FAIL, f.result());
    assertNull(f.explanation());
  }
}
