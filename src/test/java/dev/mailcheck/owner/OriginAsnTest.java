package dev.mailcheck.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.WorldDnsClient;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The origin AS from Team Cymru's DNS answers: the question's name, the fields read. */
class OriginAsnTest {

  @Test
  void questionsAreTheReversedAddressUnderCymrusZones() throws Exception {
    assertEquals("25.5.134.121.origin.asn.cymru.com.", OriginAsn.question(InetAddress.getByName("121.134.5.25")).toString());
    assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.d.2.0.1.0.0.2.origin6.asn.cymru.com.",
        OriginAsn.question(InetAddress.getByName("2001:2d8::1")).toString());
  }

  @Test
  void theFirstAsAndTheCountryAreRead() throws Exception {
    DnsWorld world = new DnsWorld().records("""
        1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.d.2.0.1.0.0.2.origin6.asn.cymru.com. TXT "4766 | 2001:2d8::/32 | KR | apnic | 2000-01-01"
        7.0.0.10.origin.asn.cymru.com. TXT "64500 64501 | 10.0.0.0/24 | kr | apnic | 2000-01-01"
        8.0.0.10.origin.asn.cymru.com. TXT "not an answer"
        """);
    WorldDnsClient dns = new WorldDnsClient(world, Duration.ofMillis(250), new QueryTrace());
    OriginAsn.Result six = OriginAsn.lookup(dns, InetAddress.getByName("2001:2d8::1")).join();
    assertEquals(4766L, six.asn());
    assertEquals("KR", six.country());
    OriginAsn.Result multi = OriginAsn.lookup(dns, InetAddress.getByName("10.0.0.7")).join();
    assertEquals(64500L, multi.asn(), "a prefix with several origins: the first");
    assertEquals("KR", multi.country());
    OriginAsn.Result junk = OriginAsn.lookup(dns, InetAddress.getByName("10.0.0.8")).join();
    assertEquals(null, junk.asn());
    assertEquals(null, junk.country());
    OriginAsn.Result none = OriginAsn.lookup(dns, InetAddress.getByName("10.0.0.9")).join();
    assertEquals(null, none.asn());
  }
}
