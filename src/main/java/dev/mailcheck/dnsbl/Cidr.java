package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.xbill.DNS.Address;

/**
 * An address range in CIDR notation (RFC 4632 §3.1; RFC 4291 §2.3 for IPv6): the network address
 * and the prefix length. Host bits given in the text are cleared ({@code 192.0.2.77/24} is
 * {@code 192.0.2.0/24}); a single address is a /32 (or /128).
 */
public record Cidr(InetAddress network, int prefix) implements Iterable<InetAddress> {

  /** Parses {@code 198.51.100.0/24}, {@code 2001:db8::/120} or a single address. */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String host = slash < 0 ? t : t.substring(0, slash);
    int family = Address.isDottedQuad(host) ? Address.IPv4 : host.contains(":") ? Address.IPv6 : 0;
    byte[] bytes = family == 0 ? null : Address.toByteArray(host, family);
    if (bytes == null) {
      throw new InputException("scan.bad-cidr", Echo.of(text));
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
        throw new InputException("scan.bad-cidr", Echo.of(text));
      }
      prefix = Integer.parseInt(p);
    }
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return new Cidr(InetAddress.getByAddress(bytes), prefix);
    } catch (UnknownHostException e) {
      throw new InputException("scan.bad-cidr", Echo.of(text));
    }
  }

  public boolean ipv4() {
    return network instanceof Inet4Address;
  }

  /** Host bits: 32 or 128 minus the prefix. */
  public int hostBits() {
    return (ipv4() ? 32 : 128) - prefix;
  }

  /** How many addresses the range holds. */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(hostBits());
  }

  @Override
  public String toString() {
    return Addresses.text(network) + "/" + prefix;
  }

  /** The addresses in order, made one at a time (a range is never held in memory). */
  @Override
  public Iterator<InetAddress> iterator() {
    BigInteger first = new BigInteger(1, network.getAddress());
    BigInteger count = size();
    int length = network.getAddress().length;
    return new Iterator<>() {
      private BigInteger i = BigInteger.ZERO;

      @Override
      public boolean hasNext() {
        return i.compareTo(count) < 0;
      }

      @Override
      public InetAddress next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] raw = first.add(i).toByteArray();
        i = i.add(BigInteger.ONE);
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
          return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
