package dev.mailcheck.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The RDAP bootstrap registry for IP addresses (RFC 9224 §5.1): which RDAP service answers for
 * which network. Read from the bundled copies ({@code owner/rdap-ipv4.json}, {@code rdap-ipv6.json}),
 * which have IANA's format, so a fresh download of IANA's {@code ipv4.json} / {@code ipv6.json}
 * replaces them as they are. The longest matching prefix wins (RFC 9224 §5.1); of a service's
 * URLs an {@code https} one is preferred (RFC 9224 §3: HTTPS SHOULD be used).
 */
public final class RdapBootstrap {
  private static final String IPV4 = "/dev/mailcheck/owner/rdap-ipv4.json";
  private static final String IPV6 = "/dev/mailcheck/owner/rdap-ipv6.json";

  /** One prefix of a service. */
  private record Prefix(BigInteger network, int length, int bits, URI service) {
    boolean contains(BigInteger address, int addressBits) {
      return addressBits == bits && address.shiftRight(bits - length).equals(network.shiftRight(bits - length));
    }
  }

  private static final class Holder {
    static final RdapBootstrap BUNDLED = new RdapBootstrap(read(IPV4), read(IPV6));
  }

  private final List<Prefix> prefixes;
  private final String publication;

  private RdapBootstrap(JsonNode v4, JsonNode v6) {
    List<Prefix> all = new ArrayList<>();
    add(all, v4, IPV4);
    add(all, v6, IPV6);
    // Longest first: the first that contains an address is its longest match.
    all.sort(Comparator.comparingInt(Prefix::length).reversed());
    this.prefixes = List.copyOf(all);
    this.publication = v4.path("publication").asText("");
  }

  /** The bundled bootstrap, read once. */
  public static RdapBootstrap bundled() {
    return Holder.BUNDLED;
  }

  /** Bootstrap data in IANA's format, for tests. */
  static RdapBootstrap of(String ipv4Json, String ipv6Json) {
    ObjectMapper m = new ObjectMapper();
    try {
      return new RdapBootstrap(m.readTree(ipv4Json), m.readTree(ipv6Json));
    } catch (IOException e) {
      throw new IllegalArgumentException("not bootstrap JSON: " + e.getMessage(), e);
    }
  }

  /** When the bundled IPv4 file says it was published. */
  public String publication() {
    return publication;
  }

  /** The base URL (ending in {@code /}) of the RDAP service for the address, or empty when none covers it. */
  public Optional<URI> serviceFor(InetAddress address) {
    BigInteger a = new BigInteger(1, address.getAddress());
    int bits = address instanceof Inet4Address ? 32 : 128;
    return prefixes.stream().filter(p -> p.contains(a, bits)).map(Prefix::service).findFirst();
  }

  private static void add(List<Prefix> out, JsonNode root, String where) {
    for (JsonNode service : root.path("services")) {
      URI url = preferred(service.path(1), where);
      for (JsonNode p : service.path(0)) {
        out.add(prefix(p.asText(), url, where));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(where + ": no services");
    }
  }

  private static URI preferred(JsonNode urls, String where) {
    String chosen = null;
    for (JsonNode u : urls) {
      String s = u.asText();
      if (chosen == null || (s.startsWith("https:") && !chosen.startsWith("https:"))) {
        chosen = s;
      }
    }
    if (chosen == null) {
      throw new IllegalStateException(where + ": a service without URLs");
    }
    return URI.create(chosen.endsWith("/") ? chosen : chosen + "/");
  }

  private static Prefix prefix(String cidr, URI url, String where) {
    int slash = cidr.indexOf('/');
    try {
      InetAddress net = InetAddress.getByName(cidr.substring(0, slash));
      int bits = net instanceof Inet4Address ? 32 : 128;
      int length = Integer.parseInt(cidr.substring(slash + 1));
      if (length < 0 || length > bits) {
        throw new IllegalStateException(where + ": bad prefix " + cidr);
      }
      return new Prefix(new BigInteger(1, net.getAddress()), length, bits, url);
    } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalStateException(where + ": bad prefix " + cidr, e);
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in = RdapBootstrap.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
