package dev.mailcheck.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code default._bimi.<domain>} TXT record (draft-brand-indicators-for-message-identification
 * §4.2): {@code v=BIMI1; l=<https URI of an SVG logo>; a=<https URI of the evidence document>}, a
 * tag list in the style of DKIM (white space allowed around "="), unknown tags ignored. An empty
 * {@code l=} and {@code a=} is a declination to publish (§4.3).
 *
 * @param logo the {@code l=} URI, or null when empty or absent
 * @param evidence the {@code a=} URI (a Verified Mark Certificate), or null
 */
public record BimiRecord(URI logo, URI evidence) {
  public static final String VERSION = "v=BIMI1";

  /** Whether a TXT string is meant as a BIMI record. */
  public static boolean candidate(String txt) {
    return TagList.startsWith(txt.replaceFirst("^v[ \\t]*=[ \\t]*", "v="), VERSION);
  }

  /** True when the record names no logo and no evidence: the domain declines BIMI. */
  public boolean declined() {
    return logo == null && evidence == null;
  }

  public static BimiRecord parse(String txt) throws RecordSyntaxException {
    List<TagList.Field> fields = TagList.parse(txt, VERSION, true);
    String l = TagList.value(fields, "l");
    String a = TagList.value(fields, "a");
    if (l == null && a == null) {
      throw new RecordSyntaxException("required", "l");
    }
    return new BimiRecord(https("l", l), https("a", a));
  }

  private static URI https(String tag, String value) throws RecordSyntaxException {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      URI u = new URI(value);
      if (u.getScheme() != null && u.getScheme().toLowerCase(Locale.ROOT).equals("https") && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new RecordSyntaxException("https-uri", tag, value);
  }
}
