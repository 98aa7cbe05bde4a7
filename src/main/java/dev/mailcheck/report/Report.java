package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one run: the {@code mailcheck.report/1} document of docs/CONTRACTS.md.
 *
 * @param from the sending IP given with {@code --from}, or null (written as {@code "from": null}, as docs/CONTRACTS.md shows)
 * @param sendingIps the addresses whose reputation and PTR were checked, and whether they were assumed
 * @param dnsQueries every DNS question asked on the wire, for evidence
 */
@JsonPropertyOrder({"schema", "target", "from", "startedAt", "elapsedMs", "verdict", "counts", "findings"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    String schema,
    ReportTarget target,
    @JsonInclude(JsonInclude.Include.ALWAYS) String from,
    Instant startedAt,
    long elapsedMs,
    Severity verdict,
    Map<Severity, Integer> counts,
    List<Finding> findings,
    SendingIps sendingIps,
    List<DnsQuery> dnsQueries) {

  public static final String SCHEMA = "mailcheck.report/1";

  /** What was checked, as the user typed it and as understood. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ReportTarget(String input, String kind, String name, String unicode) {
    /** {@code 한국.kr (xn--3e0b707e.kr)} when the two forms differ, else the name. */
    public String display() {
      return unicode.equals(name) ? name : unicode + " (" + name + ")";
    }
  }

  /** The IPs treated as senders; {@code assumed} when they came from MX/SPF rather than {@code --from}. */
  public record SendingIps(boolean assumed, List<String> addresses) {}

  /** One DNS question of the run. */
  public record DnsQuery(String name, String type, String outcome, long elapsedMs, String resolver, boolean viaTcp) {}

  public static Report of(
      ReportTarget target, String from, Instant startedAt, long elapsedMs, List<Finding> findings,
      SendingIps sendingIps, List<DnsQuery> queries) {
    return new Report(SCHEMA, target, from, startedAt, elapsedMs, verdictOf(findings), countsOf(findings),
        List.copyOf(findings), sendingIps, List.copyOf(queries));
  }

  /**
   * {@code fail} beats {@code error} beats {@code warn}; otherwise {@code pass}. A run with no
   * finding at all (everything skipped) checked nothing: {@code error}, never a clean pass.
   */
  public static Severity verdictOf(List<Finding> findings) {
    if (findings.isEmpty()) {
      return Severity.ERROR;
    }
    Map<Severity, Integer> c = countsOf(findings);
    if (c.get(Severity.FAIL) > 0) {
      return Severity.FAIL;
    }
    if (c.get(Severity.ERROR) > 0) {
      return Severity.ERROR;
    }
    if (c.get(Severity.WARN) > 0) {
      return Severity.WARN;
    }
    return Severity.PASS;
  }

  static Map<Severity, Integer> countsOf(List<Finding> findings) {
    Map<Severity, Integer> c = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      c.put(s, 0);
    }
    findings.forEach(f -> c.merge(f.severity(), 1, Integer::sum));
    return c;
  }

  /** Findings grouped by area, in area order, each group in report order. */
  public Map<Area, List<Finding>> byArea() {
    Map<Area, List<Finding>> out = new LinkedHashMap<>();
    for (Area a : Area.values()) {
      List<Finding> in = findings.stream().filter(f -> Area.forCheck(f.check()) == a).toList();
      if (!in.isEmpty()) {
        out.put(a, in);
      }
    }
    return out;
  }

  public int count(Severity s) {
    return counts.getOrDefault(s, 0);
  }
}
