package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

  @ParameterizedTest
  @CsvSource({
      "2001:db8:0:0:0:0:0:25, 2001:db8::25",
      "2001:0DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
      "0:0:0:0:0:0:0:1, ::1",
      "0:0:0:0:0:0:0:0, ::",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "fe80:0:0:0:0:0:0:0, fe80::",
      "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
      "192.0.2.5, 192.0.2.5",
  })
  void canonicalTextPerRfc5952(String in, String out) throws Exception {
    assertEquals(out, Addresses.text(InetAddress.getByName(in)));
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1, 53, 127.0.0.1:53", "::1, 5353, [::1]:5353"})
  void socketAddresses(String ip, int port, String out) throws Exception {
    assertEquals(out, Addresses.text(new InetSocketAddress(InetAddress.getByName(ip), port)));
  }
}
