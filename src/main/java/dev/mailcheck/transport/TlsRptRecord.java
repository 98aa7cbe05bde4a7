package dev.mailcheck.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code _smtp._tls.<domain>} TXT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=<uri>[,<uri>…]}
 * plus extension fields. Each {@code rua} URI is {@code mailto:} or {@code https:} (§3).
 *
 * @param rua where senders send their daily reports, in record order
 */
public record TlsRptRecord(List<URI> rua) {
  public static final String VERSION = "v=TLSRPTv1";

  public TlsRptRecord {
    rua = List.copyOf(rua);
  }

  /** Whether a TXT string is meant as a TLS-RPT record. */
  public static boolean candidate(String txt) {
    return TagList.startsWith(txt, VERSION);
  }

  /** Parses one record by the grammar of RFC 8460 §3. */
  public static TlsRptRecord parse(String txt) throws RecordSyntaxException {
    List<TagList.Field> fields = TagList.parse(txt, VERSION, false);
    List<URI> rua = null;
    for (TagList.Field f : fields.subList(1, fields.size())) {
      if (f.name().equals("rua")) {
        rua = uris(f.value());
      } else if (!TagList.EXT_VALUE.matcher(f.value()).matches()) {
        throw new RecordSyntaxException("ext-value", f.name(), f.value());
      }
    }
    if (rua == null) {
      throw new RecordSyntaxException("required", "rua");
    }
    return new TlsRptRecord(rua);
  }

  /** {@code tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)}; a comma inside a URI must be %-encoded. */
  private static List<URI> uris(String value) throws RecordSyntaxException {
    List<URI> out = new ArrayList<>();
    for (String part : value.split("[ \\t]*,[ \\t]*", -1)) {
      URI u;
      try {
        u = new URI(part);
      } catch (URISyntaxException e) {
        throw new RecordSyntaxException("rua-uri", part);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      boolean mailto = scheme.equals("mailto") && u.getSchemeSpecificPart() != null && u.getSchemeSpecificPart().contains("@");
      boolean https = scheme.equals("https") && u.getHost() != null;
      if (!mailto && !https) {
        throw new RecordSyntaxException("rua-uri", part);
      }
      out.add(u);
    }
    return out;
  }
}
