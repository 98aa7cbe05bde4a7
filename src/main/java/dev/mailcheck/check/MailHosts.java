package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * Where mail for the target domain goes.
 *
 * @param mx the MX answer (or the failed one)
 * @param kind how the hosts were found
 * @param hosts in preference order; for {@link Kind#IMPLICIT}, the domain itself
 */
public record MailHosts(DnsAnswer mx, Kind kind, List<MailHost> hosts) {

  public enum Kind {
    /** Published MX records. */
    MX,
    /** A single "." MX of preference 0: the domain accepts no mail (RFC 7505). */
    NULL_MX,
    /** No MX but A/AAAA at the domain: the implicit MX of RFC 5321 §5.1. */
    IMPLICIT,
    /** Neither MX nor an address. */
    NONE,
    /** The MX question (or the fallback address questions) could not be answered. */
    UNKNOWN
  }

  /**
   * One mail host and its addresses.
   *
   * @param a the A answer, null when the host is an IP literal
   * @param aaaa the AAAA answer, null when the host is an IP literal
   * @param ipLiteral the MX target is written as an address, which RFC 5321 §5.1 does not allow
   */
  public record MailHost(Name name, int preference, DnsAnswer a, DnsAnswer aaaa, boolean ipLiteral) {

    public List<InetAddress> addresses() {
      List<InetAddress> out = new ArrayList<>();
      if (a != null) {
        a.records(org.xbill.DNS.ARecord.class).forEach(r -> out.add(r.getAddress()));
      }
      if (aaaa != null) {
        aaaa.records(org.xbill.DNS.AAAARecord.class).forEach(r -> out.add(r.getAddress()));
      }
      return out;
    }

    /** True when the host name is an alias (RFC 2181 §10.3: MX must not point to a CNAME). */
    public boolean isAlias() {
      return (a != null && !a.aliases().isEmpty()) || (aaaa != null && !aaaa.aliases().isEmpty());
    }
  }

  /** The questions of this lookup that went unanswered (timeout, SERVFAIL…), MX first. */
  public List<DnsAnswer> failures() {
    List<DnsAnswer> out = new ArrayList<>();
    if (!mx.outcome().answered()) {
      out.add(mx);
    }
    for (MailHost h : hosts) {
      for (DnsAnswer a : java.util.Arrays.asList(h.a(), h.aaaa())) {
        if (a != null && !a.outcome().answered()) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /** Every address of every host, in order, without repeats. */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (MailHost h : hosts) {
      h.addresses().stream().filter(a -> !out.contains(a)).forEach(out::add);
    }
    return out;
  }
}
