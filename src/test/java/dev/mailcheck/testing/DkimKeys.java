package dev.mailcheck.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/** DKIM public keys made in the test (never pasted): RSA of a given size, Ed25519, as p= values and zone lines. */
public final class DkimKeys {
  private static final ConcurrentHashMap<Integer, String> RSA = new ConcurrentHashMap<>();

  private DkimKeys() {}

  /** The base64 SubjectPublicKeyInfo of a fresh RSA key of {@code bits} (one per size per test run). */
  public static String rsa(int bits) {
    return RSA.computeIfAbsent(bits, b -> {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(b);
        return Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The base64 of a fresh Ed25519 public key's raw 32 bytes (RFC 8463 §4.2). */
  public static String ed25519() {
    try {
      byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
      return Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A master-file TXT line, the text split into strings of at most 255 characters (RFC 1035 §3.3). */
  public static String txt(String owner, String text) {
    StringBuilder b = new StringBuilder(owner).append(" TXT");
    for (int i = 0; i < text.length(); i += 255) {
      b.append(" \"").append(text, i, Math.min(text.length(), i + 255)).append('"');
    }
    return b.append('\n').toString();
  }
}
