package dev.mailcheck.dns.server;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Signs zones of a {@link DnsWorld} with dnsjava's {@link DNSSEC#sign} (RFC 4034), so that a test
 * or the demo has a chain of trust from its own root: one ECDSA P-256 key per zone (algorithm 13,
 * a key-signing key that also signs the zone, flags 257), the DS of each signed zone in its
 * parent, an NSEC at each unsigned delegation proving it has no DS (RFC 4035 §5.2), and an RRSIG
 * over every RRset. A zone can be signed with signatures that expired, or with a key its parent's
 * DS does not name, to make it bogus. Zones are named by their apex; the shallowest one (the root,
 * in tests) is the trust anchor, and a world whose anchor is below the root is an island of trust
 * (RFC 4033 §2): names outside it have no anchor and read as unsigned.
 */
public final class ZoneSigner {
  private static final long TTL = 300;

  /** How a zone's data is signed. */
  public enum Signing {
    /** Valid signatures, a DS in the parent. */
    VALID,
    /** Signatures whose validity ended a day ago (RFC 4035 §5.3.1). */
    EXPIRED,
    /** Signed with a key other than the one the parent's DS names. */
    WRONG_KEY
  }

  private final Map<Name, Signing> signed = new LinkedHashMap<>();
  private final List<Name> unsigned = new ArrayList<>();
  private final Map<Name, KeyPair> keys = new LinkedHashMap<>();
  private final Map<Name, DNSKEYRecord> dnskeys = new LinkedHashMap<>();

  /** Signs the zone at this apex. */
  public ZoneSigner zone(String apex, Signing how) {
    signed.put(name(apex), how);
    return this;
  }

  public ZoneSigner zone(String apex) {
    return zone(apex, Signing.VALID);
  }

  /** A delegation from a signed parent to a zone that is not signed (no DS). */
  public ZoneSigner unsignedZone(String apex) {
    unsigned.add(name(apex));
    return this;
  }

  /** The anchor zone's key in master-file syntax (what {@code MAILCHECK_TRUST_ANCHOR} names). */
  public String trustAnchor() {
    if (dnskeys.isEmpty()) {
      throw new IllegalStateException("sign the world first");
    }
    return dnskeys.values().iterator().next().toString() + "\n";
  }

  /** Adds keys, DS, NSEC and RRSIG records to the world; call once, after the world's data is in. */
  public DnsWorld sign(DnsWorld world, Instant now) {
    if (signed.isEmpty()) {
      throw new IllegalArgumentException("name at least one zone to sign: the shallowest is the trust anchor");
    }
    try {
      List<Name> apexes = new ArrayList<>(signed.keySet());
      apexes.sort(Comparator.comparingInt(Name::labels));
      Name anchor = apexes.get(0);
      for (Name apex : apexes) {
        KeyPair pair = newKey();
        keys.put(apex, pair);
        DNSKEYRecord key = new DNSKEYRecord(apex, DClass.IN, TTL, 257, DNSKEYRecord.Protocol.DNSSEC,
            DNSSEC.Algorithm.ECDSAP256SHA256, pair.getPublic());
        dnskeys.put(apex, key);
        world.add(key);
        if (!apex.equals(anchor)) {
          // The parent vouches for this key; for WRONG_KEY it vouches for another one.
          DNSKEYRecord vouched = signed.get(apex) == Signing.WRONG_KEY
              ? new DNSKEYRecord(apex, DClass.IN, TTL, 257, DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, newKey().getPublic())
              : key;
          world.add(new DSRecord(apex, DClass.IN, TTL, DSRecord.Digest.SHA256, vouched));
        }
      }
      for (Name apex : unsigned) {
        world.add(new NSECRecord(apex, DClass.IN, TTL, new Name("\\000", apex), new int[] {Type.NS, Type.RRSIG, Type.NSEC}));
      }
      Map<String, RRset> sets = new LinkedHashMap<>();
      for (Record r : world.records()) {
        if (r.getType() != Type.RRSIG) {
          sets.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new RRset()).addRR(r);
        }
      }
      for (RRset set : sets.values()) {
        Name zone = zoneOf(set.getName(), set.getType());
        if (zone == null) {
          continue;
        }
        Signing how = signed.get(zone);
        Instant inception = how == Signing.EXPIRED ? now.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
        Instant expiration = how == Signing.EXPIRED ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(30));
        world.add(DNSSEC.sign(set, dnskeys.get(zone), keys.get(zone).getPrivate(), inception, expiration));
      }
      return world;
    } catch (GeneralSecurityException | DNSSEC.DNSSECException | TextParseException e) {
      throw new IllegalStateException("cannot sign the test zones: " + e.getMessage(), e);
    }
  }

  /**
   * The signed zone whose key signs this RRset: the closest signed apex at or above the name, except
   * that a DS and an NSEC at a delegation belong to the parent; null under an unsigned delegation.
   */
  private Name zoneOf(Name owner, int type) {
    boolean parentSide = type == Type.DS || (type == Type.NSEC && unsigned.contains(owner));
    for (Name n = owner; ; n = new Name(n, 1)) {
      boolean atOwner = n.equals(owner);
      if (!(atOwner && parentSide)) {
        if (unsigned.contains(n)) {
          return null;
        }
        if (signed.containsKey(n)) {
          return n;
        }
      }
      if (n.equals(Name.root)) {
        return null;
      }
    }
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
