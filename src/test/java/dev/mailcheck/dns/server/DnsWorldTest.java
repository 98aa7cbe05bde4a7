package dev.mailcheck.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.testing.DnsFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsWorldTest {

  /** Asks the world through a real loopback server and client. */
  private static DnsAnswer ask(DnsWorld world, String name, int type) {
    try (DnsFixture dns = DnsFixture.start(world)) {
      return dns.client(new QueryTrace()).query(name, type).join();
    }
  }

  @Test
  void zoneLoadsMasterFileWithOriginTtlAndRelativeNames() {
    DnsWorld world = new DnsWorld().zone("example.com", """
        $TTL 600
        @        SOA  ns1 hostmaster 1 3600 600 86400 300
        @        MX   10 mail
        @        MX   20 backup.example.net.
        mail     A    192.0.2.10
        @        TXT  "v=spf1 mx -all"
        """);
    DnsAnswer mx = ask(world, "example.com", Type.MX);
    assertEquals(List.of("10 mail.example.com.", "20 backup.example.net."),
        mx.records(MXRecord.class).stream().map(r -> r.getPriority() + " " + r.getTarget()).sorted().toList());
    assertEquals(600, mx.records().get(0).getTTL());
    assertEquals("v=spf1 mx -all", ask(world, "example.com", Type.TXT).records(TXTRecord.class).get(0).getStrings().get(0));
    assertEquals("192.0.2.10", ask(world, "mail.example.com", Type.A).records(ARecord.class).get(0).getAddress().getHostAddress());
  }

  @Test
  void recordsTakesAbsoluteNamesAndAddTakesRecords() throws Exception {
    DnsWorld world = new DnsWorld().records("a.example.org. 60 A 192.0.2.1\n")
        .add(new ARecord(Name.fromString("b.example.org."), DClass.IN, 60, java.net.InetAddress.getByName("192.0.2.2")));
    assertEquals(DnsOutcome.NOERROR, ask(world, "a.example.org", Type.A).outcome());
    assertEquals(DnsOutcome.NOERROR, ask(world, "b.example.org", Type.A).outcome());
  }

  @Test
  void badZoneTextIsRefusedWithTheOrigin() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DnsWorld().zone("example.com", "@ MX notanumber mail\n"));
    assertTrue(e.getMessage().contains("example.com"), e.getMessage());
  }

  @Test
  void cnameIsFollowedInsideTheWorld() {
    DnsWorld world = new DnsWorld().records("""
        alias.example.com.  CNAME  target.example.net.
        target.example.net. A      192.0.2.7
        """);
    Message response = world.answer(Message.newQuery(Record.newRecord(Name.fromConstantString("alias.example.com."), Type.A, DClass.IN)));
    List<Record> answer = response.getSection(Section.ANSWER);
    assertEquals(List.of(Type.CNAME, Type.A), answer.stream().map(Record::getType).toList());
    DnsAnswer a = ask(world, "alias.example.com", Type.A);
    assertEquals(1, a.aliases().size());
    assertEquals("192.0.2.7", a.records(ARecord.class).get(0).getAddress().getHostAddress());
  }

  @Test
  void emptyNonTerminalIsNodataNotNxdomain() {
    DnsWorld world = new DnsWorld().records("a.b.example.com. A 192.0.2.1\n");
    assertEquals(DnsOutcome.NODATA, ask(world, "b.example.com", Type.A).outcome());
    assertEquals(DnsOutcome.NODATA, ask(world, "example.com", Type.MX).outcome());
    assertEquals(DnsOutcome.NXDOMAIN, ask(world, "c.example.com", Type.A).outcome());
    assertEquals(DnsOutcome.NXDOMAIN, ask(world, "x.a.b.example.com", Type.A).outcome());
  }

  @Test
  void wildcardAnswersForNamesThatDoNotExistOnly() {
    DnsWorld world = new DnsWorld().records("""
        *.example.com.      TXT  "wild"
        real.example.com.   A    192.0.2.1
        """);
    DnsAnswer wild = ask(world, "anything.example.com", Type.TXT);
    assertEquals(DnsOutcome.NOERROR, wild.outcome());
    assertEquals("anything.example.com.", wild.records().get(0).getName().toString());
    assertEquals(DnsOutcome.NOERROR, ask(world, "deep.down.example.com", Type.TXT).outcome());
    // An existing name is not covered by the wildcard (RFC 4592 §2.2).
    assertEquals(DnsOutcome.NODATA, ask(world, "real.example.com", Type.TXT).outcome());
    // A synthesised name that has no records of the type is NODATA.
    assertEquals(DnsOutcome.NODATA, ask(world, "anything.example.com", Type.A).outcome());
  }

  @Test
  void wildcardDoesNotReachPastAnEmptyNonTerminal() {
    // x.y.example.com makes y.example.com exist (empty non-terminal): it is the closest encloser
    // of z.y.example.com, which has no *.y.example.com, so the name does not exist (RFC 4592 §3.3.1).
    DnsWorld world = new DnsWorld().records("""
        *.example.com.    A  192.0.2.9
        x.y.example.com.  A  192.0.2.1
        """);
    assertEquals(DnsOutcome.NXDOMAIN, ask(world, "z.y.example.com", Type.A).outcome());
    assertEquals(DnsOutcome.NOERROR, ask(world, "other.example.com", Type.A).outcome());
  }

  @Test
  void faultPerNameAppliesToEveryType() {
    DnsWorld world = new DnsWorld().records("""
        bad.example.com.  A    192.0.2.1
        bad.example.com.  MX   10 mail.example.com.
        good.example.com. A    192.0.2.2
        """).fault("bad.example.com", Fault.SERVFAIL);
    assertEquals(DnsOutcome.SERVFAIL, ask(world, "bad.example.com", Type.A).outcome());
    assertEquals(DnsOutcome.SERVFAIL, ask(world, "bad.example.com", Type.MX).outcome());
    assertEquals(DnsOutcome.NOERROR, ask(world, "good.example.com", Type.A).outcome());
  }

  @Test
  void faultPerNameAndTypeLeavesOtherTypesAlone() {
    DnsWorld world = new DnsWorld().records("""
        d.example.com.  A    192.0.2.1
        d.example.com.  MX   10 mail.example.com.
        """).fault("d.example.com", Type.MX, Fault.REFUSED);
    assertEquals(DnsOutcome.REFUSED, ask(world, "d.example.com", Type.MX).outcome());
    assertEquals(DnsOutcome.NOERROR, ask(world, "d.example.com", Type.A).outcome());
  }

  @Test
  void faultByPredicate() {
    DnsWorld world = new DnsWorld().records("a.example.com. A 192.0.2.1\n")
        .fault(n -> n.subdomain(Name.fromConstantString("in-addr.arpa.")), Fault.TIMEOUT);
    try (DnsFixture dns = DnsFixture.start(world)) {
      ResolverDnsClient c = dns.client(new QueryTrace());
      assertEquals(DnsOutcome.TIMEOUT, c.query("1.2.0.192.in-addr.arpa", Type.PTR).join().outcome());
      assertEquals(DnsOutcome.NOERROR, c.query("a.example.com", Type.A).join().outcome());
    }
  }

  @Test
  void nonInClassIsRefused() {
    DnsWorld world = new DnsWorld().records("a.example.com. A 192.0.2.1\n");
    Message response = world.answer(Message.newQuery(Record.newRecord(Name.fromConstantString("a.example.com."), Type.A, DClass.CH)));
    assertEquals(Rcode.REFUSED, response.getRcode());
  }

  @Test
  void countsQuestionsPerNameAndType() {
    try (DnsFixture dns = DnsFixture.start("a.example.com. A 192.0.2.1\n")) {
      ResolverDnsClient c = dns.client(new QueryTrace());
      c.query("a.example.com", Type.A).join();
      c.query("A.EXAMPLE.COM", Type.A).join();
      c.query("a.example.com", Type.AAAA).join();
      assertEquals(2, dns.server().count("a.example.com", Type.A));
      assertEquals(2, dns.server().count("a.example.com.", Type.A));
      assertEquals(1, dns.server().count("a.example.com", Type.AAAA));
      assertEquals(0, dns.server().count("a.example.com", Type.MX));
      assertEquals(3, dns.server().udpQueries());
    }
  }
}
