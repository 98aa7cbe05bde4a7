package dev.mailcheck.transport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1):
 * {@code v=STSv1; id=<1*32 ALPHA/DIGIT>} plus extension fields.
 *
 * @param id the policy's identifier; senders fetch the policy again when it changes
 */
public record MtaStsRecord(String id) {
  public static final String VERSION = "v=STSv1";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

  /** Whether a TXT string is meant as an MTA-STS record: senders discard the others (§3.1). */
  public static boolean candidate(String txt) {
    return TagList.startsWith(txt, VERSION);
  }

  /** Parses one record by the grammar of RFC 8461 §3.1. */
  public static MtaStsRecord parse(String txt) throws RecordSyntaxException {
    List<TagList.Field> fields = TagList.parse(txt, VERSION, false);
    String id = null;
    for (TagList.Field f : fields.subList(1, fields.size())) {
      if (f.name().equals("id")) {
        if (!ID.matcher(f.value()).matches()) {
          throw new RecordSyntaxException("sts-id", f.value());
        }
        id = f.value();
      } else if (!TagList.EXT_VALUE.matcher(f.value()).matches()) {
        throw new RecordSyntaxException("ext-value", f.name(), f.value());
      }
    }
    if (id == null) {
      throw new RecordSyntaxException("required", "id");
    }
    return new MtaStsRecord(id);
  }
}
