package dev.mailcheck.testing;

import dev.mailcheck.smtp.SmtpSettings;
import dev.mailcheck.smtp.SocketSmtpProber;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates for SMTP tests (a test CA written to a PEM file, as {@code MAILCHECK_TRUSTSTORE}
 * takes it) and the probe pointed at a {@link LoopbackSmtpServer}'s port.
 */
public final class SmtpFixture {
  /** The test CA; its certificate is in {@link #caPem()}. */
  public static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).commonName("mailcheck test CA").build();

  private static Path caPem;

  private SmtpFixture() {}

  /** The CA certificate as a PEM file, written once per JVM. */
  public static synchronized Path caPem() {
    if (caPem == null) {
      try {
        caPem = Files.createTempFile("mailcheck-test-ca", ".pem");
        caPem.toFile().deleteOnExit();
        Files.writeString(caPem, CA.certificatePem());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return caPem;
  }

  /** A certificate for {@code name} signed by the test CA, valid now. */
  public static SSLContext signed(String name) {
    return context(new HeldCertificate.Builder().signedBy(CA).commonName(name).addSubjectAlternativeName(name).build(), true);
  }

  /** A certificate for {@code name} signed by the test CA whose validity ended a day ago. */
  public static SSLContext expired(String name) {
    long now = Instant.now().toEpochMilli();
    long day = Duration.ofDays(1).toMillis();
    return context(new HeldCertificate.Builder().signedBy(CA).commonName(name).addSubjectAlternativeName(name)
        .validityInterval(now - 30 * day, now - day).build(), true);
  }

  /** A certificate for {@code name} signed by itself. */
  public static SSLContext selfSigned(String name) {
    return context(new HeldCertificate.Builder().commonName(name).addSubjectAlternativeName(name).build(), false);
  }

  private static SSLContext context(HeldCertificate cert, boolean withCa) {
    HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
    if (withCa) {
      b.heldCertificate(cert, CA.certificate());
    } else {
      b.heldCertificate(cert);
    }
    return b.build().sslContext();
  }

  /** The probe aimed at {@code port}, loopback allowed, the test CA trusted. */
  public static SocketSmtpProber prober(int port) {
    return new SocketSmtpProber(new SmtpSettings(port, true, Optional.of(caPem()),
        SmtpSettings.DEFAULTS.connect(), SmtpSettings.DEFAULTS.greeting(), SmtpSettings.DEFAULTS.step()));
  }

  /** A server, failing the test on a bind error. */
  public static LoopbackSmtpServer server(String name, SSLContext tls, LoopbackSmtpServer.Behaviour behaviour) {
    try {
      return LoopbackSmtpServer.start(name, tls, behaviour);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
