package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.testing.DnsFixture;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
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
 * {@code mailcheck links [--verify]} against every link of the bundled playbook, served by one
 * MockWebServer on 127.0.0.1 (HTTPS, certificate from a test CA naming every host); the hosts
 * resolve through a loopback DNS server. No real site is contacted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinksCommandTest {
  @TempDir
  Path dir;

  private final List<Playbook.Entry> links = Playbook.bundled().entries();
  private final Set<String> hosts = new LinkedHashSet<>();
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
  private MockWebServer server;
  private DnsFixture dns;
  private Path caPem;

  /** Which link the test breaks, and how. */
  private String gone;
  private String noHead;

  @BeforeEach
  void start() throws Exception {
    links.forEach(l -> hosts.add(URI.create(l.url()).getHost()));
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("mailcheck test CA").build();
    HeldCertificate.Builder cert = new HeldCertificate.Builder().signedBy(ca);
    hosts.forEach(cert::addSubjectAlternativeName);
    server = new MockWebServer();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert.build(), ca.certificate()).build().sslSocketFactory(), false);
    gone = "https://" + URI.create(Playbook.bundled().entries().stream().filter(l -> l.key().equals("kt-dms-reverse")).findFirst()
        .orElseThrow().url()).getHost();
    noHead = "naver-spam-policy";
    String noHeadPath = URI.create(url(noHead)).getRawPath();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String host = r.getHeader("Host") != null ? r.getHeader("Host") : r.getHeader(":authority");
        seen.add(r.getMethod() + " " + host + r.getPath());
        if (("https://" + host).startsWith(gone)) {
          return new MockResponse().setResponseCode(404);
        }
        if (r.getPath().equals(noHeadPath) && r.getMethod().equals("HEAD")) {
          return new MockResponse().setResponseCode(405);
        }
        return new MockResponse().setResponseCode(200).setBody("ok");
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    StringBuilder zone = new StringBuilder();
    hosts.forEach(h -> zone.append(h).append(". A 127.0.0.1\n"));
    dns = DnsFixture.start(zone.toString());
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, ca.certificatePem());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
    dns.close();
  }

  private String url(String key) {
    return links.stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow().url();
  }

  private Map<String, String> env() {
    return Map.of("MAILCHECK_HTTPS_PORT", String.valueOf(server.getPort()), "MAILCHECK_ALLOW_PRIVATE", "1",
        "MAILCHECK_TRUSTSTORE", caPem.toString());
  }

  @Test
  void listsEveryLinkWithItsSourceAndDate() {
    Cli r = Cli.run("links");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().endsWith(links.size() + " links\n"), r.out());
    for (Playbook.Entry l : links) {
      assertTrue(r.out().contains(l.key() + "  " + l.url() + "\n    verified " + l.verified() + "; source: " + l.source()), l.key());
    }
    assertEquals(0, server.getRequestCount(), "listing asks nothing");
  }

  @Test
  void verifyAsksEveryLinkAndListsTheFailingOnes() {
    Cli r = Cli.run(env(), "links", "--verify", "--dns", dns.dnsArg(), "--timeout", "5s");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("FAIL  kt-dms-reverse  " + url("kt-dms-reverse") + "\n      HTTP 404"), r.out());
    assertTrue(r.out().endsWith(links.size() + " links checked, 1 failed\n"), r.out());
    // Every link was asked with HEAD; the one refusing HEAD was asked again with GET and passed.
    for (Playbook.Entry l : links) {
      URI u = URI.create(l.url());
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      String target = path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      assertTrue(seen.contains("HEAD " + u.getHost() + ":" + server.getPort() + target), l.key() + " not asked: " + seen);
    }
    URI nh = URI.create(url(noHead));
    assertTrue(seen.contains("GET " + nh.getHost() + ":" + server.getPort() + nh.getRawPath()), seen.toString());
    assertTrue(!r.out().contains(noHead), r.out());
  }
}
