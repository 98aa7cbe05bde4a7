package dev.mailcheck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.config.Config;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.testing.DnsFixture;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarded HTTP client against MockWebServer serving HTTPS on 127.0.0.1 with a certificate from
 * a test CA; names resolve through a loopback DNS server (never the system resolver), and
 * MAILCHECK_HTTPS_PORT sends https URLs to the server's port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OkHttpFetcherTest {
  private static final String ZONE = """
      mta-sts.example.com.   A  127.0.0.1
      internal.example.com.  A  10.0.0.1
      mixed.example.com.     A  169.254.169.254
      mixed.example.com.     AAAA  ::1
      other.example.com.     A  127.0.0.1
      """;

  @TempDir
  Path dir;

  private HeldCertificate ca;
  private MockWebServer server;
  private DnsFixture dns;
  private Path caPem;

  @BeforeEach
  void start() throws Exception {
    ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("mailcheck test CA").build();
    HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca)
        .addSubjectAlternativeName("mta-sts.example.com").build();
    server = new MockWebServer();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, ca.certificate()).build().sslSocketFactory(), false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    dns = DnsFixture.start(ZONE);
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, ca.certificatePem());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
    dns.close();
  }

  private OkHttpFetcher fetcher(boolean allowPrivate, boolean trustTestCa) {
    Map<String, String> env = new HashMap<>();
    env.put("MAILCHECK_HTTPS_PORT", String.valueOf(server.getPort()));
    if (allowPrivate) {
      env.put("MAILCHECK_ALLOW_PRIVATE", "1");
    }
    if (trustTestCa) {
      env.put("MAILCHECK_TRUSTSTORE", caPem.toString());
    }
    return new OkHttpFetcher(dns.client(new QueryTrace()), HttpSettings.from(new Config(env)));
  }

  private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";

  @Test
  void httpsWithTheTestCaWorksThroughTheRunsResolvers() throws Exception {
    server.enqueue(new MockResponse().setBody(POLICY).setHeader("Content-Type", "text/plain"));
    HttpResult r = fetcher(true, true).fetch(HttpGet.of("https://mta-sts.example.com/.well-known/mta-sts.txt"));
    assertEquals(200, r.status());
    assertEquals(POLICY, r.text());
    assertEquals("text/plain", r.header("Content-Type"));
    RecordedRequest seen = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/.well-known/mta-sts.txt", seen.getPath());
    // HTTP/2 (negotiated by ALPN) carries the host as :authority, HTTP/1.1 as Host.
    String host = seen.getHeader("Host") != null ? seen.getHeader("Host") : seen.getHeader(":authority");
    assertEquals("mta-sts.example.com:" + server.getPort(), host, seen.getHeaders().toString());
  }

  @Test
  void anUntrustedCertificateFails() {
    server.enqueue(new MockResponse().setBody(POLICY));
    HttpFetchException e = assertThrows(HttpFetchException.class,
        () -> fetcher(true, false).fetch(HttpGet.of("https://mta-sts.example.com/.well-known/mta-sts.txt")));
    assertEquals(HttpFetchException.Kind.TLS, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("the HTTPS certificate of mta-sts.example.com is not trusted"), e.getMessage());
  }

  @Test
  void aCertificateForAnotherNameFails() {
    server.enqueue(new MockResponse().setBody(POLICY));
    HttpFetchException e = assertThrows(HttpFetchException.class,
        () -> fetcher(true, true).fetch(HttpGet.of("https://other.example.com/")));
    assertEquals(HttpFetchException.Kind.TLS, e.kind(), e.getMessage());
  }

  @Test
  void privateAndLoopbackLiteralsAreRefusedBeforeAnyConnection() {
    OkHttpFetcher guarded = fetcher(false, true);
    for (String url : new String[] {"http://10.0.0.1/", "http://127.0.0.1:" + server.getPort() + "/", "https://[::1]/",
        "http://169.254.169.254/latest/meta-data/", "http://192.0.2.1/"}) {
      HttpFetchException e = assertThrows(HttpFetchException.class, () -> guarded.fetch(HttpGet.of(url)), url);
      assertEquals(HttpFetchException.Kind.BLOCKED_ADDRESS, e.kind(), url + ": " + e.getMessage());
      assertTrue(e.getMessage().endsWith("set MAILCHECK_ALLOW_PRIVATE=1 to allow it."), e.getMessage());
    }
    HttpFetchException ten = assertThrows(HttpFetchException.class, () -> guarded.fetch(HttpGet.of("http://10.0.0.1/")));
    assertEquals("mailcheck does not connect to 10.0.0.1 (private), a special-use address; set MAILCHECK_ALLOW_PRIVATE=1 to allow it.",
        ten.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aNameResolvingToPrivateOrLoopbackIsRefused() {
    OkHttpFetcher guarded = fetcher(false, true);
    HttpFetchException ten = assertThrows(HttpFetchException.class, () -> guarded.fetch(HttpGet.of("https://internal.example.com/")));
    assertEquals(HttpFetchException.Kind.BLOCKED_ADDRESS, ten.kind(), ten.getMessage());
    assertTrue(ten.getMessage().contains("internal.example.com: it resolves to 10.0.0.1 (private)"), ten.getMessage());
    HttpFetchException loop = assertThrows(HttpFetchException.class,
        () -> guarded.fetch(HttpGet.of("https://mta-sts.example.com/.well-known/mta-sts.txt")));
    assertEquals(HttpFetchException.Kind.BLOCKED_ADDRESS, loop.kind(), loop.getMessage());
    assertTrue(loop.getMessage().contains("127.0.0.1 (loopback)"), loop.getMessage());
    HttpFetchException both = assertThrows(HttpFetchException.class, () -> guarded.fetch(HttpGet.of("http://mixed.example.com/")));
    assertTrue(both.getMessage().contains("169.254.169.254 (link-local), ::1 (loopback)"), both.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aNameWithoutAddressIsNoAddress() {
    HttpFetchException e = assertThrows(HttpFetchException.class, () -> fetcher(true, true).fetch(HttpGet.of("https://nosuch.example.com/")));
    assertEquals(HttpFetchException.Kind.NO_ADDRESS, e.kind(), e.getMessage());
    assertEquals("nosuch.example.com has no address (no A or AAAA record).", e.getMessage());
  }

  @Test
  void redirectsAreNotFollowedUnlessAsked() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/moved"));
    HttpResult r = fetcher(true, true).fetch(HttpGet.of("https://mta-sts.example.com/start"));
    assertEquals(302, r.status());
    assertEquals("/moved", r.header("Location"));
    assertEquals(1, server.getRequestCount());

    server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/moved"));
    server.enqueue(new MockResponse().setBody(POLICY));
    HttpResult followed = fetcher(true, true).fetch(HttpGet.of("https://mta-sts.example.com/start").followingRedirects(2));
    assertEquals(200, followed.status());
    assertEquals("https://mta-sts.example.com/moved", followed.url().toString());
    assertEquals(1, followed.redirects().size());

    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/a"));
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/b"));
    HttpFetchException e = assertThrows(HttpFetchException.class,
        () -> fetcher(true, true).fetch(HttpGet.of("https://mta-sts.example.com/loop").followingRedirects(1)));
    assertEquals(HttpFetchException.Kind.REDIRECT, e.kind());
    assertEquals("https://mta-sts.example.com/loop redirects more than 1 times.", e.getMessage());
  }

  @Test
  void anOversizedBodyIsCutWithAClearError() {
    String big = "x".repeat(4096);
    server.enqueue(new MockResponse().setBody(big));
    server.enqueue(new MockResponse().setChunkedBody(big, 512));
    OkHttpFetcher f = fetcher(true, true);
    for (String how : new String[] {"with a length", "chunked"}) {
      HttpFetchException e = assertThrows(HttpFetchException.class,
          () -> f.fetch(HttpGet.of("https://mta-sts.example.com/big").withMaxBytes(1024)), how);
      assertEquals(HttpFetchException.Kind.TOO_LARGE, e.kind(), how);
      assertEquals("the response from https://mta-sts.example.com/big is larger than 1024 bytes; mailcheck reads no more than that.",
          e.getMessage());
    }
    server.enqueue(new MockResponse().setBody("x".repeat(1024)));
    assertDoesNotThrowTooLarge(f);
  }

  private static void assertDoesNotThrowTooLarge(OkHttpFetcher f) {
    try {
      assertEquals(1024, f.fetch(HttpGet.of("https://mta-sts.example.com/exact").withMaxBytes(1024)).body().length);
    } catch (HttpFetchException e) {
      throw new AssertionError("a body of exactly the limit is read: " + e.getMessage(), e);
    }
  }

  @Test
  void aSlowServerIsBoundedByTheCallTimeout() {
    OkHttpFetcher f = fetcher(true, true);
    // Short enough that the server's threads are done sleeping when it shuts down.
    server.enqueue(new MockResponse().setBody(POLICY).setHeadersDelay(2, TimeUnit.SECONDS));
    server.enqueue(new MockResponse().setBody("abcd").throttleBody(1, 1, TimeUnit.SECONDS));
    for (String how : new String[] {"silent before the headers", "one byte a second"}) {
      long t0 = System.nanoTime();
      HttpFetchException e = assertThrows(HttpFetchException.class,
          () -> f.fetch(HttpGet.of("https://mta-sts.example.com/slow").withTimeout(Duration.ofMillis(700))), how);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(HttpFetchException.Kind.TIMEOUT, e.kind(), how + ": " + e.getMessage());
      assertEquals("no complete answer from https://mta-sts.example.com/slow within 700 ms.", e.getMessage());
      assertTrue(ms < 2500, how + " took " + ms + " ms");
    }
  }
}
