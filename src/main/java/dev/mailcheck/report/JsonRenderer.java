package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code mailcheck.report/1} JSON document (docs/CONTRACTS.md): the findings in the report's
 * language, each with the {@code variant} and {@code args} its texts were made from.
 */
public final class JsonRenderer implements ReportRenderer {
  private static final ObjectMapper MAPPER = mapper();

  /** The mapper every JSON output of mailcheck uses: ISO-8601 instants, indented. */
  public static ObjectMapper mapper() {
    SimpleModule instants = new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance);
    return new ObjectMapper().registerModule(instants).enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The report as the JSON document has it, in one language (for writing several reports as one array). */
  public static Object document(Report r, Lang lang) {
    Catalog catalog = Catalog.bundled();
    return new Document(r.schema(), r.target(), r.from(), r.startedAt(), r.elapsedMs(), r.verdict(), r.counts(),
        r.findings().stream().map(f -> catalog.view(f, lang)).toList(), r.sendingIps(), r.dnsQueries());
  }

  @Override
  public String render(Report report, Lang lang) {
    try {
      return MAPPER.writeValueAsString(document(report, lang));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link Report}'s fields, with the findings in words. */
  @JsonPropertyOrder({"schema", "target", "from", "startedAt", "elapsedMs", "verdict", "counts", "findings"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(
      String schema,
      Report.ReportTarget target,
      @JsonInclude(JsonInclude.Include.ALWAYS) String from,
      Instant startedAt,
      long elapsedMs,
      Severity verdict,
      Map<Severity, Integer> counts,
      List<FindingView> findings,
      Report.SendingIps sendingIps,
      List<Report.DnsQuery> dnsQueries) {}
}
