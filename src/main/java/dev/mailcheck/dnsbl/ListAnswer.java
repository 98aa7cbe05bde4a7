package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;

/**
 * What one list's answer to one question means. Only a documented (or at least plausible) answer
 * inside 127.0.0.0/8 is a listing (RFC 5782 §2.1); the list's own refusal codes, any answer
 * outside 127/8 (a resolver rewriting NXDOMAIN) and 127.0.0.1 (which no list may use, §5) are the
 * question being refused; a timeout or SERVFAIL is a failure, never "not listed".
 */
public sealed interface ListAnswer {

  /** Listed: each answer with the code it falls in. */
  record Listed(List<Hit> hits) implements ListAnswer {
    public Listed {
      hits = List.copyOf(hits);
    }
  }

  /** One A answer of a listing and its meaning. */
  record Hit(String answer, ReturnCode code) {}

  /** NXDOMAIN or no A record: not on this list. */
  record Clean() implements ListAnswer {}

  /**
   * The list (or the resolver) refused the question.
   *
   * @param reason suffix of the message key {@code dnsbl.refusal.<reason>}
   * @param answer the A answer that says so
   */
  record Refused(String reason, String answer) implements ListAnswer {}

  /** No usable answer: timeout, SERVFAIL, REFUSED or another DNS failure. */
  record Failed(DnsAnswer answer) implements ListAnswer {}

  /** Reads the answer to an A question on the list. */
  static ListAnswer of(BlockList list, DnsAnswer a) {
    if (!a.outcome().answered()) {
      return new Failed(a);
    }
    List<ARecord> records = a.records(ARecord.class);
    if (records.isEmpty()) {
      return new Clean();
    }
    List<Hit> hits = new ArrayList<>();
    for (ARecord r : records) {
      byte[] b = r.getAddress().getAddress();
      int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      String text = r.getAddress().getHostAddress();
      String refusal = list.refusals().get(v);
      if (refusal != null) {
        return new Refused(refusal, text);
      }
      if ((b[0] & 0xff) != 127) {
        return new Refused("outside-loopback", text);
      }
      if (v == 0x7f000001) {
        return new Refused("loopback-one", text);
      }
      ReturnCode code = list.code(v);
      hits.add(new Hit(text, code != null ? code : new ReturnCode(v, v, "undocumented", dev.mailcheck.report.Severity.FAIL)));
    }
    return new Listed(hits);
  }
}
