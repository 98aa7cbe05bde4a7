package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one receiver, blocklist or PTR route wants done about a finding, in one language, from the
 * playbook ({@code playbook/advice.json}).
 *
 * @param party who the advice is about: {@code gmail}, {@code naver}, {@code spamhaus}, {@code kt}…, or
 *     {@code *} for advice that holds for every receiver
 * @param name the party's name in the report's language
 * @param steps the procedure, in order (empty when one sentence says it all)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Advice(String party, String name, String fix, List<String> steps, List<Link> links) {
  public Advice {
    steps = List.copyOf(steps);
    links = List.copyOf(links);
  }
}
