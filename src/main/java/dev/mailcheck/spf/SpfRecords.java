package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.TXTRecord;

/**
 * Record selection (RFC 7208 §4.5) from a TXT answer: the strings of one TXT record are joined
 * without separators (§3.3); only records that start with exactly {@code v=spf1} followed by a space
 * or the end are SPF records; none means "none", more than one means "permerror".
 */
public final class SpfRecords {
  private SpfRecords() {}

  /** What a TXT answer holds for SPF. */
  public sealed interface Selection {
    /** The TXT records as text (each one's strings joined), in answer order. */
    List<String> texts();
  }

  /** The answer did not come: temperror (§4.4). */
  public record Failed(DnsAnswer answer, List<String> texts) implements Selection {}

  /** No SPF record (§4.5: none). {@code leadingSpace} holds records that would be SPF but for leading white space. */
  public record Missing(List<String> texts, List<String> leadingSpace) implements Selection {}

  /** More than one SPF record (§4.5: permerror). */
  public record Multiple(List<String> texts, List<String> records) implements Selection {}

  /** Exactly one SPF record. {@code record} is null when it does not parse; {@code error} says why. */
  public record One(List<String> texts, String text, SpfRecord record, SpfSyntaxException error) implements Selection {}

  /** Selects the SPF record from a TXT answer. */
  public static Selection select(DnsAnswer answer) {
    if (!answer.outcome().answered()) {
      return new Failed(answer, List.of());
    }
    List<String> texts = texts(answer);
    List<String> spf = new ArrayList<>();
    List<String> leading = new ArrayList<>();
    for (String t : texts) {
      if (isSpf(t)) {
        spf.add(t);
      } else if (!t.isEmpty() && Character.isWhitespace(t.charAt(0)) && isSpf(t.strip())) {
        leading.add(t);
      }
    }
    if (spf.isEmpty()) {
      return new Missing(texts, leading);
    }
    if (spf.size() > 1) {
      return new Multiple(texts, spf);
    }
    try {
      return new One(texts, spf.get(0), SpfRecord.parse(spf.get(0)), null);
    } catch (SpfSyntaxException e) {
      return new One(texts, spf.get(0), null, e);
    }
  }

  /** Each TXT record's strings joined without spaces, bytes read as ISO-8859-1 so nothing is lost. */
  public static List<String> texts(DnsAnswer answer) {
    List<String> out = new ArrayList<>();
    for (TXTRecord r : answer.records(TXTRecord.class)) {
      StringBuilder b = new StringBuilder();
      for (byte[] s : r.getStringsAsByteArrays()) {
        b.append(new String(s, StandardCharsets.ISO_8859_1));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** §4.5: the version section is exactly "v=spf1" (any case), ended by a space or the end of the record. */
  public static boolean isSpf(String text) {
    return text.length() >= 6 && text.regionMatches(true, 0, "v=spf1", 0, 6) && (text.length() == 6 || text.charAt(6) == ' ');
  }

  /** The record in presentation form for evidence, non-printable bytes escaped. */
  public static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c <= 0x7e) {
        b.append(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\%03d", (int) c));
      }
    }
    return b.append('"').toString();
  }
}
