package dev.mailcheck.testing;

import dev.mailcheck.check.ProbeSettings;
import dev.mailcheck.config.Config;
import dev.mailcheck.owner.RdapSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * An RDAP server on 127.0.0.1 for tests: MockWebServer over HTTPS with a certificate from a test CA
 * for {@value #HOST}, answering {@code /ip/<address>} with the response set for that address
 * (written in the shapes APNIC, KRNIC-mirrored APNIC and ARIN answers have; see
 * {@code src/test/resources/dev/mailcheck/owner/}), 404 for any other. The world's DNS must give
 * {@value #HOST} the address 127.0.0.1 ({@link #ZONE}); {@link #probes} points the engine at it
 * ({@code MAILCHECK_RDAP_URL}, the CA as {@code MAILCHECK_TRUSTSTORE}, the port as
 * {@code MAILCHECK_HTTPS_PORT}, and {@code MAILCHECK_ALLOW_PRIVATE} because the fake lives on loopback).
 */
public final class RdapFixture implements AutoCloseable {
  public static final String HOST = "rdap.registry.test";
  public static final String ZONE = HOST + ". A 127.0.0.1\n";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
  private final Path caPem;

  public RdapFixture(Path dir) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("mailcheck test CA").build();
    HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName(HOST).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, ca.certificate()).build().sslSocketFactory(), false);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        MockResponse r = path.startsWith("/ip/") ? answers.get(path.substring(4)) : null;
        return r != null ? r : new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/rdap+json")
            .setBody("{\"errorCode\":404,\"title\":\"Not Found\"}");
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    caPem = dir.resolve("rdap-ca.pem");
    Files.writeString(caPem, ca.certificatePem());
  }

  /** Answers {@code /ip/<address>} with the resource {@code dev/mailcheck/owner/<file>}. */
  public RdapFixture answer(String address, String file) {
    return respond(address, new MockResponse().setHeader("Content-Type", "application/rdap+json").setBody(resource(file)));
  }

  /** Answers {@code /ip/<address>} with the response. */
  public RdapFixture respond(String address, MockResponse response) {
    answers.put(address, response);
    return this;
  }

  /** Requests the server has received. */
  public int requests() {
    return server.getRequestCount();
  }

  public int port() {
    return server.getPort();
  }

  /** The environment of a process using this server. */
  public Map<String, String> env(boolean allowPrivate) {
    Map<String, String> env = new HashMap<>();
    env.put("MAILCHECK_RDAP_URL", "https://" + HOST + "/");
    env.put("MAILCHECK_TRUSTSTORE", caPem.toString());
    env.put("MAILCHECK_HTTPS_PORT", String.valueOf(server.getPort()));
    if (allowPrivate) {
      env.put("MAILCHECK_ALLOW_PRIVATE", "1");
    }
    return env;
  }

  /** The engine's settings for this server. */
  public ProbeSettings probes(boolean allowPrivate) {
    ProbeSettings p = ProbeSettings.from(new Config(env(allowPrivate)));
    if (!p.rdap().equals(RdapSettings.at("https://" + HOST + "/"))) {
      throw new IllegalStateException("MAILCHECK_RDAP_URL not read: " + p.rdap());
    }
    return p;
  }

  public static String resource(String file) {
    try (InputStream in = RdapFixture.class.getResourceAsStream("/dev/mailcheck/owner/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
