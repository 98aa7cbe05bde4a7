package dev.mailcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code mailcheck.report/1} document back into a {@link Report}, so a stored report can be
 * shown again, in either language, by any renderer. Findings are rebuilt from their {@code id},
 * {@code variant} and {@code args} (and {@code evidenceText} where the evidence is in words); the
 * worded fields of the document ({@code summary}, {@code fix}, {@code links}) are not needed.
 */
public final class ReportReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportReader() {}

  public static Report read(String json) {
    try {
      return read(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Report read(JsonNode doc) {
    if (!Report.SCHEMA.equals(doc.path("schema").asText())) {
      throw new IllegalArgumentException("not a " + Report.SCHEMA + " document");
    }
    JsonNode t = doc.path("target");
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : doc.path("findings")) {
      List<Object> args = new ArrayList<>();
      f.path("args").forEach(a -> args.add(Text.argumentFromJson(a)));
      List<Text> evidence = new ArrayList<>();
      f.path(f.has("evidenceText") ? "evidenceText" : "evidence").forEach(e -> evidence.add(Text.fromJson(e)));
      findings.add(new Finding(f.path("id").asText(), f.path("check").asText(), Severity.of(f.path("severity").asText()),
          f.path("subject").asText(), f.hasNonNull("variant") ? f.path("variant").asText() : null, args, evidence));
    }
    JsonNode ips = doc.path("sendingIps");
    List<Report.DnsQuery> queries = new ArrayList<>();
    for (JsonNode q : doc.path("dnsQueries")) {
      queries.add(new Report.DnsQuery(q.path("name").asText(), q.path("type").asText(), q.path("outcome").asText(),
          q.path("elapsedMs").asLong(), q.path("resolver").asText(), q.path("viaTcp").asBoolean()));
    }
    return Report.of(
        new Report.ReportTarget(t.path("input").asText(), t.path("kind").asText(), t.path("name").asText(), t.path("unicode").asText()),
        doc.hasNonNull("from") ? doc.path("from").asText() : null,
        Instant.parse(doc.path("startedAt").asText()), doc.path("elapsedMs").asLong(), findings,
        ips.isMissingNode() || ips.isNull() ? null : new Report.SendingIps(ips.path("assumed").asBoolean(), strings(ips.path("addresses"))),
        queries);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
