package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.config.Config;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.http.OkHttpFetcher;
import dev.mailcheck.testing.DnsFixture;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One link at a time against MockWebServer over HTTPS: redirects, HEAD refused, a server that never answers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinkCheckTest {
  @TempDir
  Path dir;

  private MockWebServer server;
  private DnsFixture dns;
  private LinkCheck check;
  private LinkCheck impatient;

  @BeforeEach
  void start() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("portal.example").build();
    server = new MockWebServer();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, ca.certificate()).build().sslSocketFactory(), false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    dns = DnsFixture.start("portal.example. A 127.0.0.1\n");
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, ca.certificatePem());
    Config config = new Config(Map.of("MAILCHECK_HTTPS_PORT", String.valueOf(server.getPort()), "MAILCHECK_ALLOW_PRIVATE", "1",
        "MAILCHECK_TRUSTSTORE", pem.toString()));
    OkHttpFetcher http = new OkHttpFetcher(dns.client(new QueryTrace()), HttpSettings.from(config));
    check = new LinkCheck(http, Duration.ofSeconds(10), 2);
    impatient = new LinkCheck(http, Duration.ofMillis(800), 2);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
    dns.close();
  }

  private static Playbook.Entry link(String path) {
    return new Playbook.Entry("test", "https://portal.example" + path, "Test", "시험", "test", "2026-12-03");
  }

  @Test
  void aMovedPageThatStillAnswersPasses() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/new"));
    server.enqueue(new MockResponse().setResponseCode(200));
    LinkCheck.Outcome o = check.verify(link("/old"));
    assertTrue(o.ok(), o.toString());
    assertEquals("https://portal.example/new", o.finalUrl().toString());
    assertEquals("HEAD", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
  }

  @Test
  void headRefusedFallsBackToGet() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(501));
    server.enqueue(new MockResponse().setResponseCode(404));
    LinkCheck.Outcome o = check.verify(link("/gone"));
    assertFalse(o.ok());
    assertEquals(404, o.status());
    assertEquals("HEAD", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
    assertEquals("GET", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheTimeout() {
    server.enqueue(new MockResponse().setHeadersDelay(3, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    List<LinkCheck.Outcome> out = impatient.verify(List.of(link("/slow")));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertFalse(out.get(0).ok());
    assertTrue(out.get(0).problem().startsWith("no complete answer from https://portal.example/slow within 800 ms"), out.get(0).problem());
    assertTrue(ms < 5000, "took " + ms + " ms");
  }
}
