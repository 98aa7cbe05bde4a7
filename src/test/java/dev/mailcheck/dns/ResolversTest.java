package dev.mailcheck.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolversTest {

  @ParameterizedTest
  @CsvSource({"127.0.0.1, 127.0.0.1:53", "127.0.0.1:5353, 127.0.0.1:5353", "::1, [::1]:53", "[::1]:5353, [::1]:5353",
      "' 192.0.2.53 ', 192.0.2.53:53"})
  void parsesAddressesWithOptionalPort(String in, String out) {
    assertEquals(out, Addresses.text(Resolvers.parse(in)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"resolver.example", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:dns", "999.1.1.1", "[::1",
      "[::1]x", "1.2.3.4:53:1", ""})
  void refusesAnythingElseWithASentence(String in) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resolvers.parse(in));
    assertTrue(e.getMessage().contains("is not a resolver address; use an IP address"), e.getMessage());
  }

  @Test
  void parsesLists() {
    List<InetSocketAddress> list = Resolvers.parseList("127.0.0.1:5300, 127.0.0.2 ,,[::1]:53");
    assertEquals(List.of("127.0.0.1:5300", "127.0.0.2:53", "[::1]:53"), list.stream().map(Addresses::text).toList());
  }

  @Test
  void testsNeverSeeTheMachinesResolvers() {
    assertEquals(List.of("127.0.0.1:9"), Resolvers.system().stream().map(Addresses::text).toList());
  }
}
