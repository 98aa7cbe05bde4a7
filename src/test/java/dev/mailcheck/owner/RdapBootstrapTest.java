package dev.mailcheck.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bootstrap: the RIR of an address, by the longest matching prefix (RFC 9224 §5.1). */
class RdapBootstrapTest {

  private static String service(RdapBootstrap b, String ip) throws Exception {
    return b.serviceFor(InetAddress.getByName(ip)).map(Object::toString).orElse(null);
  }

  @Test
  void theBundledFilesSendEachAddressToItsRir() throws Exception {
    RdapBootstrap b = RdapBootstrap.bundled();
    assertEquals("https://rdap.apnic.net/", service(b, "121.134.5.25"), "KT (KRNIC, under APNIC)");
    assertEquals("https://rdap.apnic.net/", service(b, "211.234.10.5"));
    assertEquals("https://rdap.arin.net/registry/", service(b, "3.34.10.20"), "AWS");
    assertEquals("https://rdap.arin.net/registry/", service(b, "20.40.1.1"), "Azure");
    assertEquals("https://rdap.db.ripe.net/", service(b, "193.0.6.139"));
    assertEquals("https://rdap.lacnic.net/rdap/", service(b, "200.160.2.3"));
    assertEquals("https://rdap.afrinic.net/rdap/", service(b, "41.0.0.1"));
    assertEquals("https://rdap.apnic.net/", service(b, "2001:2d8::1"), "KT's IPv6");
    assertEquals("https://rdap.db.ripe.net/", service(b, "2a00:1450::1"));
    assertEquals("https://rdap.arin.net/registry/", service(b, "2600:1f18::1"));
    assertTrue(b.publication().startsWith("20"), b.publication());
  }

  @Test
  void theLongestPrefixWinsAndHttpsIsPreferred() throws Exception {
    String v4 = """
        {"version": "1.0", "publication": "2026-12-01T00:00:00Z", "services": [
          [["10.0.0.0/8"], ["http://wide.example/rdap/", "https://wide.example/rdap/"]],
          [["10.1.0.0/16"], ["http://narrow.example/rdap"]]
        ]}""";
    String v6 = """
        {"version": "1.0", "services": [[["2001:db8::/32"], ["https://six.example/"]]]}""";
    RdapBootstrap b = RdapBootstrap.of(v4, v6);
    assertEquals("https://wide.example/rdap/", service(b, "10.2.3.4"));
    assertEquals("http://narrow.example/rdap/", service(b, "10.1.3.4"), "a slash is added to a base without one");
    assertEquals("https://six.example/", service(b, "2001:db8::25"));
    assertEquals(Optional.empty(), b.serviceFor(InetAddress.getByName("11.0.0.1")));
  }
}
