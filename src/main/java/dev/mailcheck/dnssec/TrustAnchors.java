package dev.mailcheck.dnssec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where DNSSEC validation starts: DS or DNSKEY records in master-file syntax (RFC 4035 §4.4). The
 * default is the root zone's key-signing keys as IANA publishes them, bundled as
 * {@code dev/mailcheck/dnssec/root-anchors.txt} (its header says where from and when);
 * {@code MAILCHECK_TRUST_ANCHOR} names a file to use instead (tests and the demo use their own root).
 */
public final class TrustAnchors {
  static final String BUNDLED = "/dev/mailcheck/dnssec/root-anchors.txt";

  private final String text;
  private final String source;

  private TrustAnchors(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** The bundled root anchors. */
  public static TrustAnchors root() {
    try (InputStream in = TrustAnchors.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the build");
      }
      return new TrustAnchors(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled root anchors");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The anchors {@code MAILCHECK_TRUST_ANCHOR} names, else the bundled root's. */
  public static TrustAnchors from(dev.mailcheck.config.Config config) {
    java.util.Optional<Path> file = config.trustAnchor();
    if (file.isEmpty()) {
      return root();
    }
    try {
      return file(file.get());
    } catch (IOException e) {
      throw new IllegalArgumentException("MAILCHECK_TRUST_ANCHOR: '" + file.get() + "' cannot be read (" + e.getMessage() + ").", e);
    }
  }

  /** Anchors from a file. */
  public static TrustAnchors file(Path path) throws IOException {
    return new TrustAnchors(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /** Anchors given as text (a test's own root). */
  public static TrustAnchors of(String masterText) {
    return new TrustAnchors(masterText, "given anchors");
  }

  /** The records, in master-file syntax. */
  public String text() {
    return text;
  }

  /** The zone the anchors are for (the owner of the first record): the root, for the bundled ones. */
  public org.xbill.DNS.Name zone() {
    try (org.xbill.DNS.Master m = new org.xbill.DNS.Master(
        new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), org.xbill.DNS.Name.root)) {
      org.xbill.DNS.Record r = m.nextRecord();
      if (r == null) {
        throw new IllegalArgumentException("the trust anchors (" + source + ") hold no DS or DNSKEY record.");
      }
      return r.getName();
    } catch (IOException e) {
      throw new IllegalArgumentException("the trust anchors (" + source + ") cannot be read: " + e.getMessage(), e);
    }
  }

  /** Where they came from, for messages. */
  public String source() {
    return source;
  }
}
