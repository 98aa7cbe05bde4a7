package dev.mailcheck.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DKIM public key record (RFC 6376 §3.6.1), the TXT record at {@code <selector>._domainkey.<domain>}:
 * its tags {@code v} (must be {@code DKIM1} and come first when present), {@code h} (acceptable hash
 * algorithms), {@code k} (key type: {@code rsa}, or {@code ed25519} from RFC 8463), {@code n} (notes),
 * {@code p} (the key; empty means revoked), {@code s} (service types) and {@code t} (flags:
 * {@code y} testing, {@code s} strict). Unknown tags are ignored (§3.6.1: "Unrecognized tags MUST be
 * ignored"). The key is decoded to learn its type and size: RSA from the SubjectPublicKeyInfo DER the
 * RFC prescribes, Ed25519 from the raw 32 bytes of RFC 8463 §4.2.
 *
 * <p>This class knows the syntax; {@code DkimCheck} decides what each fact means for delivery.
 */
public final class DkimKeyRecord {
  /** The key types this record can carry (§3.6.1 {@code k=}, RFC 8463 §5). */
  public enum KeyType {
    RSA("rsa"), ED25519("ed25519");

    private final String tag;

    KeyType(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private static final Pattern HYPHENATED_WORD = Pattern.compile("[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): what Java's KeyFactory reads. */
  private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final TagList tags;
  private final KeyType keyType;
  private final List<String> hashes;
  private final List<String> services;
  private final List<String> flags;
  private final int bits;

  private DkimKeyRecord(TagList tags, KeyType keyType, List<String> hashes, List<String> services, List<String> flags, int bits) {
    this.tags = tags;
    this.keyType = keyType;
    this.hashes = hashes;
    this.services = services;
    this.flags = flags;
    this.bits = bits;
  }

  /**
   * Parses and validates one key record (the TXT record's strings already joined, RFC 6376 §3.6.2.2).
   *
   * @throws TagSyntaxException when the record cannot serve as a key: bad tag-list, {@code v} not
   *     first or not {@code DKIM1}, no {@code p}, a malformed value, an unknown key type, a key that
   *     does not decode, only hash algorithms no verifier accepts, or a service type other than email
   */
  public static DkimKeyRecord parse(String text) throws TagSyntaxException {
    TagList tags = TagList.parse(text, false);
    String v = tags.get("v");
    if (v != null) {
      if (!tags.first().name().equals("v")) {
        throw new TagSyntaxException("dkim.parse.v-not-first");
      }
      if (!v.equals("DKIM1")) {
        throw new TagSyntaxException("dkim.parse.v-value", v);
      }
    }
    List<String> hashes = list(tags, "h", null);
    if (hashes != null && !hashes.contains("sha256")) {
      // RFC 8301 §3.1: verifiers must not accept rsa-sha1 any more, so a key limited to sha1 verifies nothing.
      throw new TagSyntaxException("dkim.parse.h-no-sha256", tags.get("h"));
    }
    KeyType type = keyType(tags.get("k"));
    List<String> services = list(tags, "s", "*");
    if (!services.contains("*") && !services.contains("email")) {
      throw new TagSyntaxException("dkim.parse.s-not-email", tags.get("s"));
    }
    List<String> flags = list(tags, "t", null);
    String p = tags.get("p");
    if (p == null) {
      throw new TagSyntaxException("dkim.parse.p-missing");
    }
    String base64 = p.replaceAll("[ \t\r\n]", "");
    if (!BASE64.matcher(base64).matches() || base64.length() % 4 != 0) {
      throw new TagSyntaxException("dkim.parse.p-base64");
    }
    int bits = base64.isEmpty() ? 0 : keyBits(type, Base64.getDecoder().decode(base64));
    return new DkimKeyRecord(tags, type, hashes == null ? List.of() : hashes, services, flags == null ? List.of() : flags, bits);
  }

  private static KeyType keyType(String k) throws TagSyntaxException {
    if (k == null) {
      return KeyType.RSA; // §3.6.1: "k= ... (default is rsa)"
    }
    if (!HYPHENATED_WORD.matcher(k).matches()) {
      throw new TagSyntaxException("dkim.parse.bad-word", "k", k);
    }
    for (KeyType t : KeyType.values()) {
      if (t.tag().equalsIgnoreCase(k)) {
        return t;
      }
    }
    // §3.6.1: "Unrecognized key types MUST be ignored": the record cannot verify anything.
    throw new TagSyntaxException("dkim.parse.k-unknown", k);
  }

  /** A colon-separated list of hyphenated words (h, s, t), lower case; {@code absent} when the tag is not there. */
  private static List<String> list(TagList tags, String name, String absent) throws TagSyntaxException {
    String value = tags.get(name);
    if (value == null) {
      return absent == null ? null : List.of(absent);
    }
    List<String> out = new ArrayList<>();
    for (String part : value.split(":", -1)) {
      String w = part.strip();
      boolean ok = name.equals("s") && w.equals("*") || HYPHENATED_WORD.matcher(w).matches();
      if (!ok) {
        throw new TagSyntaxException("dkim.parse.bad-word", name, value);
      }
      out.add(w.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static int keyBits(KeyType type, byte[] der) throws TagSyntaxException {
    try {
      if (type == KeyType.ED25519) {
        if (der.length != 32) {
          throw new TagSyntaxException("dkim.parse.ed25519-length", der.length);
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(der, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        return 256;
      }
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      return key.getModulus().bitLength();
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new TagSyntaxException("dkim.parse.key-undecodable", type.tag());
    }
  }

  public TagList tags() {
    return tags;
  }

  public KeyType keyType() {
    return keyType;
  }

  /** The hash algorithms {@code h=} allows, lower case; empty when the tag is absent (any). */
  public List<String> hashes() {
    return hashes;
  }

  /** The service types {@code s=} names, lower case ({@code *} when absent). */
  public List<String> services() {
    return services;
  }

  /** The flags of {@code t=}, lower case; unknown flags are kept and ignored (§3.6.1). */
  public List<String> flags() {
    return flags;
  }

  /** {@code p=} is empty: the key has been revoked (§3.6.1). */
  public boolean revoked() {
    return bits == 0;
  }

  /** {@code t=y}: the domain is testing DKIM (§3.6.1). */
  public boolean testing() {
    return flags.contains("y");
  }

  /** The key's size in bits (RSA modulus length; 256 for Ed25519); 0 when revoked. */
  public int bits() {
    return bits;
  }

  /** The notes of {@code n=}, or null. */
  public String notes() {
    return tags.get("n");
  }
}
