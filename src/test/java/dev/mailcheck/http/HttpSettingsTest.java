package dev.mailcheck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.config.Config;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP settings read from MAILCHECK_*, and the socket guard below OkHttp. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpSettingsTest {
  @TempDir
  Path dir;

  @Test
  void defaultsRefusePrivateAndUseTheJdksCasOn443() {
    HttpSettings s = HttpSettings.from(new Config(Map.of()));
    assertEquals(HttpSettings.DEFAULTS, s);
    assertFalse(s.allowPrivate());
  }

  @Test
  void settingsAreRead() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
    HttpSettings s = HttpSettings.from(new Config(Map.of("MAILCHECK_ALLOW_PRIVATE", "1",
        "MAILCHECK_TRUSTSTORE", pem.toString(), "MAILCHECK_HTTPS_PORT", "8443")));
    assertTrue(s.allowPrivate());
    assertEquals(pem, s.trustStore().orElseThrow());
    assertEquals(8443, s.httpsPort().getAsInt());
  }

  @Test
  void badValuesAreOneSentence() throws Exception {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> HttpSettings.from(new Config(Map.of("MAILCHECK_HTTPS_PORT", "70000"))));
    assertEquals("MAILCHECK_HTTPS_PORT: '70000' is not a port; give a number from 1 to 65535.", port.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> HttpSettings.from(new Config(Map.of("MAILCHECK_TRUSTSTORE", dir.resolve("none.pem").toString()))));
    assertTrue(missing.getMessage().startsWith("MAILCHECK_TRUSTSTORE: '"), missing.getMessage());
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TrustStores.with(notPem));
    assertTrue(bad.getMessage().startsWith("MAILCHECK_TRUSTSTORE: "), bad.getMessage());
  }

  @Test
  void theSocketGuardRefusesASpecialAddressWhateverAskedForIt() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listening.getLocalPort());
      try (Socket s = new GuardedSocketFactory(new AddressGuard(false)).createSocket()) {
        BlockedAddressException e = assertThrows(BlockedAddressException.class, () -> s.connect(loopback, 1000));
        assertTrue(e.getMessage().contains("127.0.0.1 (loopback)"), e.getMessage());
        assertFalse(s.isConnected());
      }
      try (Socket s = new GuardedSocketFactory(new AddressGuard(true)).createSocket()) {
        s.connect(loopback, 1000);
        assertTrue(s.isConnected());
      }
    }
  }
}
