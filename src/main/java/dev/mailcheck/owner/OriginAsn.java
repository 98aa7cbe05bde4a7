package dev.mailcheck.owner;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The origin AS of an address from Team Cymru's IP-to-ASN mapping over DNS
 * (https://www.team-cymru.com/ip-asn-mapping): a TXT question for the reversed address under
 * {@code origin.asn.cymru.com} (nibbles under {@code origin6.asn.cymru.com} for IPv6) answers
 * {@code "4766 | 211.32.0.0/11 | KR | apnic | 1999-…"}: the AS that announces the covering route.
 * APNIC's and most registries' RDAP answers carry no AS, so this is where the AS comes from
 * unless the answer gave one (ARIN's origin-AS extension). Asked through the run's resolvers, so it
 * costs one DNS question and is answered from the test's DNS world in tests.
 */
public final class OriginAsn {
  static final String ZONE4 = "origin.asn.cymru.com.";
  static final String ZONE6 = "origin6.asn.cymru.com.";

  private OriginAsn() {}

  /**
   * An origin AS.
   *
   * @param asn the first AS of the answer, or null when the answer has none
   * @param country the country code of the answer (its third field), or null
   * @param answer the TXT answer (evidence; a failed question is one too)
   */
  public record Result(Long asn, String country, DnsAnswer answer) {}

  /** The question for the address. */
  public static Name question(InetAddress ip) {
    byte[] b = ip.getAddress();
    StringBuilder name = new StringBuilder();
    if (ip instanceof Inet4Address) {
      for (int i = b.length - 1; i >= 0; i--) {
        name.append(b[i] & 0xff).append('.');
      }
      name.append(ZONE4);
    } else {
      for (int i = b.length - 1; i >= 0; i--) {
        name.append(Character.forDigit(b[i] & 0x0f, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0x0f, 16)).append('.');
      }
      name.append(ZONE6);
    }
    try {
      return Name.fromString(name.toString());
    } catch (TextParseException e) {
      throw new IllegalStateException("not a name: " + name, e);
    }
  }

  public static CompletableFuture<Result> lookup(DnsClient dns, InetAddress ip) {
    return dns.query(question(ip), Type.TXT).thenApply(a -> new Result(parse(a), country(a), a));
  }

  /** The country field of the first answer shaped like Cymru's ({@code ASN | prefix | CC | registry | date}). */
  static String country(DnsAnswer a) {
    if (!a.outcome().answered()) {
      return null;
    }
    for (TXTRecord r : a.records(TXTRecord.class)) {
      String[] fields = String.join("", r.getStrings()).split("\\|");
      if (fields.length >= 3 && fields[2].strip().matches("[A-Za-z]{2}")) {
        return fields[2].strip().toUpperCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  /** The first AS of the first TXT string shaped like Cymru's answers; null when there is none. */
  static Long parse(DnsAnswer a) {
    if (!a.outcome().answered()) {
      return null;
    }
    for (TXTRecord r : a.records(TXTRecord.class)) {
      List<String> strings = r.getStrings();
      String joined = String.join("", strings);
      String first = joined.split("\\|", 2)[0].strip();
      // Several origins are listed space-separated (a multi-origin prefix); the first is reported.
      String asn = first.split("\\s+")[0];
      if (asn.matches("[0-9]{1,10}")) {
        long v = Long.parseLong(asn);
        if (v > 0 && v <= 4294967295L) {
          return v;
        }
      }
    }
    return null;
  }
}
