package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsAnswer;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Formats DNS data as evidence lines: {@code owner TYPE rdata}, without TTL and class. */
public final class Evidence {
  private Evidence() {}

  public static String record(Record r) {
    String rdata = r instanceof AAAARecord six ? Addresses.text(six.getAddress()) : r.rdataToString();
    return dev.mailcheck.dns.SecretLabels.redact(r.getName() + " " + Type.string(r.getType()) + " " + rdata);
  }

  /** The records of an answer (with its CNAMEs), or one line saying what came back instead. */
  public static List<String> answer(DnsAnswer a) {
    if (!a.records().isEmpty() || !a.aliases().isEmpty()) {
      java.util.ArrayList<String> out = new java.util.ArrayList<>();
      a.aliases().forEach(r -> out.add(record(r)));
      a.records().forEach(r -> out.add(record(r)));
      return out;
    }
    return List.of(a.question() + ": " + a.outcome());
  }
}
