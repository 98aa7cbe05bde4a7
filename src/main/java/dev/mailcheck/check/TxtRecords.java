package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import java.util.List;
import org.xbill.DNS.TXTRecord;

/** The TXT records of an answer as texts, each record's strings joined without separator (RFC 8461 §3.1, RFC 7208 §3.3). */
final class TxtRecords {
  private TxtRecords() {}

  static List<String> texts(DnsAnswer a) {
    return a.records(TXTRecord.class).stream().map(r -> String.join("", r.getStrings())).toList();
  }
}
