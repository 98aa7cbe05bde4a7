package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A finding put into one language, as every medium shows it and as the JSON report writes it: the
 * contract fields of {@code mailcheck.report/1} (summary, fix and links in the report's language),
 * then the {@code variant} and {@code args} the texts were made from, so the report can be shown
 * again in the other language. {@code evidenceText} is there only when some evidence line is in
 * words (not a DNS record): the lines as {@link Text}, to show them in the other language too.
 *
 * @param fix what to do, or null when nothing needs doing (kept in JSON as {@code "fix": null})
 * @param advice what particular receivers, blocklists or PTR routes want on top of the fix (the
 *     playbook's, {@code playbook/advice.json}); left out of JSON when there is none
 */
@JsonPropertyOrder({"id", "check", "severity", "subject", "summary", "evidence", "fix", "links", "advice", "variant", "args", "evidenceText"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(
    String id,
    String check,
    Severity severity,
    String subject,
    String summary,
    List<String> evidence,
    @JsonInclude(JsonInclude.Include.ALWAYS) String fix,
    List<Link> links,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Advice> advice,
    String variant,
    List<Object> args,
    List<Text> evidenceText) {

  public FindingView {
    evidence = List.copyOf(evidence);
    links = List.copyOf(links);
    advice = advice == null ? List.of() : List.copyOf(advice);
  }
}
