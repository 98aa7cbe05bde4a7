package dev.mailcheck.testing;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.playbook.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * An HTTPS server on 127.0.0.1 (MockWebServer) with a certificate from a test CA naming the given
 * hosts, answering by path (the host is given for the reader: every name the test's DNS world
 * points at 127.0.0.1 reaches this one server). {@link #settings()} points the guarded client at it the way
 * {@code MAILCHECK_HTTPS_PORT}, {@code MAILCHECK_TRUSTSTORE} and {@code MAILCHECK_ALLOW_PRIVATE} do;
 * names still resolve through the test's DNS world (give them {@code A 127.0.0.1}).
 */
public final class HttpsFixture implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, MockResponse> responses = new ConcurrentHashMap<>();
  private final Path caPem;

  private HttpsFixture(Path dir, List<String> hosts) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("mailcheck test CA").build();
    HeldCertificate.Builder cert = new HeldCertificate.Builder().signedBy(ca);
    hosts.forEach(cert::addSubjectAlternativeName);
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert.build(), ca.certificate()).build().sslSocketFactory(), false);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // MockWebServer does not show the name asked for over HTTP/2 (no Host header): paths tell requests apart.
        MockResponse r = responses.get(request.getPath());
        return r != null ? r : new MockResponse().setResponseCode(404).setBody("not found");
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, ca.certificatePem());
  }

  /** Starts a server whose certificate names these hosts; the CA is written into {@code dir}. */
  public static HttpsFixture start(Path dir, String... hosts) {
    try {
      return new HttpsFixture(dir, List.of(hosts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers GET {@code https://host/path} with this response. */
  public HttpsFixture serve(String host, String path, MockResponse response) {
    responses.put(path, response);
    return this;
  }

  /** Answers with status 200, this body and content type. */
  public HttpsFixture serve(String host, String path, String contentType, String body) {
    return serve(host, path, new MockResponse().setHeader("Content-Type", contentType).setBody(body));
  }

  /** How many requests arrived. */
  public int requests() {
    return server.getRequestCount();
  }

  /** The guarded client's settings for this server: loopback allowed, the test CA trusted, https to its port. */
  public HttpSettings settings() {
    return new HttpSettings(true, Optional.of(caPem), OptionalInt.of(server.getPort()));
  }

  /** Options that leave HTTP probes in (the defaults of {@link DnsFixture#options()} skip them). */
  public static CheckOptions options(String... skip) {
    return new CheckOptions(null, null, List.of(), Set.of(skip), Duration.ofSeconds(10), Lang.EN);
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
