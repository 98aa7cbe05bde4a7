package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.describe;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.shown;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import dev.mailcheck.testing.DnsFixture;
import dev.mailcheck.testing.WorldFixture;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The engine as a whole: senders, listener, deadline, language, parallel and cached questions. */
class EngineTest {
  private static final String HEALTHY = """
      example.com.              MX   10 mail.example.com.
      mail.example.com.         A    192.0.2.10
      10.2.0.192.in-addr.arpa.  PTR  mail.example.com.
      77.2.0.192.in-addr.arpa.  PTR  relay.example.com.
      relay.example.com.        A    192.0.2.77
      """;

  @Test
  void fromReplacesTheAssumedSendersAndIsReported() throws Exception {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      InetAddress from = InetAddress.getByName("192.0.2.77");
      Report r = dns.check("example.com", DnsFixture.options().withFrom(from));
      assertEquals("192.0.2.77", r.from());
      assertFalse(r.sendingIps().assumed());
      assertEquals(List.of("192.0.2.77"), r.sendingIps().addresses());
      assertEquals("192.0.2.77", assertFinding(r, "ptr.ok", Severity.PASS).subject());
      assertFinding(r, "mx.ok", Severity.PASS);
      // The MX host's address is not a sender here, so its PTR was never asked.
      assertEquals(0, dns.count("10.2.0.192.in-addr.arpa", Type.PTR));
    }
  }

  @Test
  void ipTargetIsAKnownSenderNotAssumed() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Report r = dns.check("192.0.2.10");
      assertEquals("ip", r.target().kind());
      assertNull(r.from());
      assertFalse(r.sendingIps().assumed());
      assertEquals(List.of("192.0.2.10"), r.sendingIps().addresses());
      assertTrue(r.findings().stream().noneMatch(f -> f.check().equals("mx")), describe(r));
      assertEquals(0, dns.count("example.com", Type.MX));
    }
  }

  @Test
  void ipTargetIsCheckedItselfEvenWithFrom() throws Exception {
    // mailcheck check example.com 192.0.2.10 --from 192.0.2.77: the IP target is not replaced by --from.
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Report r = dns.check("192.0.2.10", DnsFixture.options().withFrom(InetAddress.getByName("192.0.2.77")));
      assertEquals(List.of("192.0.2.10"), r.sendingIps().addresses());
      assertEquals("192.0.2.10", assertFinding(r, "ptr.ok", Severity.PASS).subject());
      assertNull(r.from());
    }
  }

  @Test
  void domainSendersAreAssumedFromMx() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Report r = dns.check("Example.COM.");
      assertEquals("Example.COM.", r.target().input());
      assertEquals("example.com", r.target().name());
      assertEquals("domain", r.target().kind());
      assertTrue(r.sendingIps().assumed());
      assertEquals(List.of("192.0.2.10"), r.sendingIps().addresses());
      assertEquals(Severity.PASS, r.verdict());
      assertEquals(Report.SCHEMA, r.schema());
    }
  }

  @Test
  void listenerHearsEachAreaOnceWithItsFindings() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Map<Area, List<List<Finding>>> heard = new ConcurrentHashMap<>();
      Report r = dns.engine().run(parse("example.com"), DnsFixture.options(),
          (area, findings) -> heard.computeIfAbsent(area, a -> Collections.synchronizedList(new ArrayList<>())).add(findings));
      assertEquals(Map.of(Area.TRANSPORT, 1, Area.SENDING_IPS, 1),
          Map.of(Area.TRANSPORT, heard.get(Area.TRANSPORT).size(), Area.SENDING_IPS, heard.get(Area.SENDING_IPS).size()));
      assertEquals(2, heard.size());
      assertEquals(r.byArea().get(Area.TRANSPORT), heard.get(Area.TRANSPORT).get(0));
      assertEquals(r.byArea().get(Area.SENDING_IPS), heard.get(Area.SENDING_IPS).get(0));
    }
  }

  @Test
  void anAreaIsAnnouncedAsSoonAsItsChecksAreDone() {
    // Reverse questions are slow: the MX area is heard first, while the PTR area is still running.
    DnsWorld world = new DnsWorld().records(HEALTHY).latency("10.2.0.192.in-addr.arpa", Duration.ofMillis(150));
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      List<String> heard = Collections.synchronizedList(new ArrayList<>());
      dns.engine().run(parse("example.com"), DnsFixture.options(),
          (area, findings) -> heard.add(area.id() + " " + findings.stream().map(Finding::id).toList()));
      assertEquals(List.of("transport [mx.ok]", "sending-ips [ptr.ok]"), heard);
    }
  }

  @Test
  void listenerForAnIpHearsOnlySendingIps() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      List<Area> heard = Collections.synchronizedList(new ArrayList<>());
      dns.engine().run(parse("192.0.2.10"), DnsFixture.options(), (area, findings) -> heard.add(area));
      assertEquals(List.of(Area.SENDING_IPS), heard);
    }
  }

  @Test
  void aFailingListenerDoesNotSpoilTheRun() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Report r = dns.engine().run(parse("example.com"), DnsFixture.options(), (area, findings) -> {
        throw new IllegalStateException("listener broke");
      });
      assertFinding(r, "mx.ok", Severity.PASS);
      assertFinding(r, "ptr.ok", Severity.PASS);
    }
  }

  @Test
  void koreanTextsWhenAskedFor() {
    try (WorldFixture dns = WorldFixture.of("example.com. MX 10 mail.example.com.\nmail.example.com. A 192.0.2.10\n", "mx", "ptr")) {
      Report r = dns.check("example.com", DnsFixture.options().withLang(Lang.KO));
      Finding ok = assertFinding(r, "mx.ok", Severity.PASS);
      assertTrue(summary(ok, Lang.KO).contains("MX 레코드"), summary(ok, Lang.KO));
      Finding missing = assertFinding(r, "ptr.missing", Severity.FAIL);
      assertTrue(summary(missing, Lang.KO).startsWith("192.0.2.10에 PTR(역방향 DNS) 레코드가 없습니다."), summary(missing, Lang.KO));
      assertTrue(fix(missing, Lang.KO).matches("(?s).*[가-힣].*"), fix(missing, Lang.KO));
      assertTrue(shown(missing, Lang.KO).links().stream().anyMatch(l -> l.title().matches(".*[가-힣].*")), shown(missing, Lang.KO).links().toString());
    }
  }

  @Test
  void unfinishedCheckAtTheDeadlineIsAnErrorFinding() {
    // MX and its host answer at once; every reverse question is silent. With a 150 ms deadline each
    // attempt gets the 100 ms floor, so the PTR question (two attempts) cannot finish in time.
    DnsWorld world = new DnsWorld().records(HEALTHY)
        .fault(n -> n.subdomain(Name.fromConstantString("in-addr.arpa.")), Fault.TIMEOUT);
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      dns.check("example.com"); // warm up class loading so the fast part is fast
      Report r = dns.check("example.com", DnsFixture.options().withTimeout(Duration.ofMillis(150)));
      Finding f = assertFinding(r, "check.incomplete", Severity.ERROR);
      assertEquals("ptr", f.check());
      assertEquals("192.0.2.10", f.subject(), "the unfinished part is named: the PTR of this IP");
      assertTrue(summary(f).contains("ptr") && summary(f).contains("192.0.2.10") && summary(f).contains("0.15 s"), summary(f));
      assertFinding(r, "mx.ok", Severity.PASS);
      assertEquals(Severity.ERROR, r.verdict());
      assertTrue(r.byArea().get(Area.SENDING_IPS).contains(f));
    }
  }

  @Test
  void silentWorldLongerThanTheDeadlineLeavesEveryCheckIncomplete() {
    DnsWorld world = new DnsWorld().records(HEALTHY).latency(Duration.ofSeconds(5));
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      Report r = dns.check("example.com", DnsFixture.options().withTimeout(Duration.ofMillis(50)));
      assertEquals(List.of("mx", "ptr"),
          r.findings().stream().filter(f -> f.id().equals("check.incomplete")).map(Finding::check).sorted().toList(), describe(r));
      r.findings().forEach(f -> assertEquals(Severity.ERROR, f.severity()));
      assertNone(r, "mx.missing");
    }
  }

  @Test
  void whatOneIpFoundBeforeTheDeadlineIsKeptWhenAnotherIpIsUnfinished() {
    // Two sending IPs (MX host and an SPF-less second address): one reverse zone answers, the other is silent.
    DnsWorld world = new DnsWorld().records(HEALTHY + "mail.example.com. A 192.0.2.77\n")
        .fault(n -> n.toString().equals("77.2.0.192.in-addr.arpa."), Fault.TIMEOUT);
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      dns.check("example.com"); // warm up class loading so the fast part is fast
      Report r = dns.check("example.com", DnsFixture.options().withTimeout(Duration.ofMillis(150)));
      Finding ok = assertFinding(r, "ptr.ok", Severity.PASS);
      assertEquals("192.0.2.10", ok.subject(), "the finished IP's result is not dropped");
      Finding unfinished = assertFinding(r, "check.incomplete", Severity.ERROR);
      assertEquals("192.0.2.77", unfinished.subject());
      assertEquals(Severity.ERROR, r.verdict());
    }
  }

  @Test
  void aCheckThatNeverFinishesOrThrowsIsReportedNotDropped() {
    Check hangs = new TestCheck("mx", ctx -> new CompletableFuture<>());
    Check throwsNow = new TestCheck("ptr", ctx -> {
      throw new IllegalStateException("boom");
    });
    Check failsLater = new TestCheck("dmarc", ctx -> CompletableFuture.failedFuture(new RuntimeException("late")));
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Engine engine = new Engine((deadline, trace) -> dns.client(trace), List.of(hangs, throwsNow, failsLater), java.time.Clock.systemUTC());
      Report r = engine.run(parse("example.com"), DnsFixture.options().withTimeout(Duration.ofMillis(200)));
      assertEquals(3, r.findings().size(), describe(r));
      r.findings().forEach(f -> {
        assertEquals("check.incomplete", f.id());
        assertEquals(Severity.ERROR, f.severity());
      });
      Finding deadline = r.findings().stream().filter(f -> f.check().equals("mx")).findFirst().orElseThrow();
      assertTrue(summary(deadline).contains("deadline"), summary(deadline));
      Finding boom = r.findings().stream().filter(f -> f.check().equals("ptr")).findFirst().orElseThrow();
      assertTrue(summary(boom).contains("boom"), summary(boom));
      assertEquals(Severity.ERROR, r.verdict());
    }
  }

  @Test
  void skippedChecksDoNotRun() {
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      CheckOptions skipPtr = new CheckOptions(null, null, List.of(), java.util.Set.of("ptr"), Duration.ofSeconds(10), Lang.EN);
      Report r = dns.check("example.com", skipPtr);
      assertTrue(r.findings().stream().noneMatch(f -> f.check().equals("ptr")), describe(r));
      assertFinding(r, "mx.ok", Severity.PASS);
    }
  }

  @Test
  void eachQuestionIsAskedOncePerRun() {
    // The PTR's forward confirmation asks mail.example.com A again: the run's cache answers it.
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx", "ptr")) {
      Report r = dns.check("example.com");
      assertEquals(1, dns.count("mail.example.com", Type.A));
      assertEquals(1, dns.count("example.com", Type.MX));
      assertEquals(r.dnsQueries().size(), r.dnsQueries().stream().map(q -> q.name() + q.type()).distinct().count());
    }
  }

  @Test
  void independentQuestionsGoOutTogether() {
    DnsWorld world = new DnsWorld().records(HEALTHY + """
        example.com.             MX   20 mx2.example.com.
        example.com.             MX   30 mx3.example.com.
        mx2.example.com.         A    192.0.2.12
        mx3.example.com.         A    192.0.2.13
        12.2.0.192.in-addr.arpa. PTR  mx2.example.com.
        13.2.0.192.in-addr.arpa. PTR  mx3.example.com.
        """).latency(Duration.ofMillis(100));
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      Report r = dns.engine().run(parse("example.com"), DnsFixture.options());
      assertEquals(3, r.findings().stream().filter(f -> f.id().equals("ptr.ok")).count(), describe(r));
      long sum = r.dnsQueries().stream().mapToLong(Report.DnsQuery::elapsedMs).sum();
      // 12 questions of >= 100 ms each, on a dependent chain of 3 (MX, A/AAAA, PTR; the forward
      // confirmation is cached): far less than one after another.
      assertTrue(r.dnsQueries().size() >= 12, r.dnsQueries().toString());
      assertTrue(sum >= 1200, "sum " + sum);
      assertTrue(r.elapsedMs() < sum / 2, "elapsed " + r.elapsedMs() + " ms, sum of questions " + sum + " ms");
    }
  }

  @Test
  void reportListsEveryQuestionAsked() {
    try (DnsFixture dns = DnsFixture.start(HEALTHY)) {
      Report r = dns.check("example.com");
      List<String> asked = r.dnsQueries().stream().map(q -> q.name() + " " + q.type() + " " + q.outcome()).toList();
      assertTrue(asked.contains("example.com. MX NOERROR"), asked.toString());
      assertTrue(asked.contains("mail.example.com. A NOERROR"), asked.toString());
      assertTrue(asked.contains("mail.example.com. AAAA NODATA"), asked.toString());
      assertTrue(asked.contains("10.2.0.192.in-addr.arpa. PTR NOERROR"), asked.toString());
      assertTrue(r.dnsQueries().stream().allMatch(q -> q.resolver().equals(dns.dnsArg())));
    }
  }

  @Test
  void listenersAfterADeadlineRunOnTheEnginesThreads() {
    // Every answer is late: both areas are announced by the deadline, on the engine's own threads,
    // never on a timer thread (a listener may block, posting to Slack).
    DnsWorld world = new DnsWorld().records(HEALTHY).latency(Duration.ofSeconds(5));
    try (WorldFixture dns = WorldFixture.of(world, "mx", "ptr")) {
      List<String> threads = Collections.synchronizedList(new ArrayList<>());
      Report r = dns.engine().run(parse("example.com"), DnsFixture.options().withTimeout(Duration.ofMillis(100)),
          (area, findings) -> threads.add(Thread.currentThread().getName()));
      assertEquals(2, threads.size(), threads.toString());
      assertTrue(threads.stream().allMatch(t -> t.startsWith("check-") && !t.equals("check-deadlines")), threads.toString());
      assertEquals(2, r.findings().stream().filter(f -> f.id().equals("check.incomplete")).count(), describe(r));
    }
  }

  @Test
  void theReportTellsTheTimeOfTheEnginesClock() {
    java.time.Instant at = java.time.Instant.parse("2026-01-02T03:04:05Z");
    try (WorldFixture dns = WorldFixture.of(HEALTHY, "mx")) {
      Engine engine = new Engine((deadline, trace) -> dns.client(trace), Checks.only("mx"),
          java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
      assertEquals(at, engine.run(parse("example.com"), DnsFixture.options()).startedAt());
    }
  }

  private static dev.mailcheck.target.Target parse(String text) {
    try {
      return new TargetParser(true).parse(text);
    } catch (dev.mailcheck.target.BadTargetException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A check whose run is given, for the engine's own guarantees. */
  private record TestCheck(String name, java.util.function.Function<CheckContext, CompletableFuture<List<Finding>>> body)
      implements Check {
    @Override
    public Area area() {
      return Checks.areaOf(name);
    }

    @Override
    public java.util.Set<Probe> probes() {
      return java.util.Set.of(Probe.DNS);
    }

    @Override
    public String catalog() {
      return dev.mailcheck.playbook.Catalog.RUN;
    }

    @Override
    public boolean appliesTo(CheckContext ctx) {
      return true;
    }

    @Override
    public CompletableFuture<List<Finding>> run(CheckContext ctx) {
      return body.apply(ctx);
    }
  }
}
