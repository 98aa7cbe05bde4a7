package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One thing a check found. {@code id} is stable (see DESIGN.md); the texts are in the run's language.
 *
 * @param id stable identifier such as {@code ptr.missing}
 * @param check the check that produced it, e.g. {@code ptr}
 * @param subject what it is about: a domain, an IP, a host, or a DNS question
 * @param evidence the records or answers it rests on, one per line
 * @param fix what to do, or null when nothing needs doing (kept in JSON as {@code "fix": null}: every finding has the same fields)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
    String id,
    String check,
    Severity severity,
    String subject,
    String summary,
    List<String> evidence,
    @JsonInclude(JsonInclude.Include.ALWAYS) String fix,
    List<Link> links) {

  public Finding {
    evidence = List.copyOf(evidence);
    links = List.copyOf(links);
  }
}
