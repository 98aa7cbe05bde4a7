package dev.mailcheck.spf;

import java.util.List;

/**
 * A parsed SPF record (RFC 7208 §4.6): its directives in order, and its modifiers.
 *
 * @param text the record as published (TXT strings joined, §3.3)
 * @param mechanisms the directives in evaluation order
 * @param redirect the domain-spec of {@code redirect=} (§6.1), or null
 * @param exp the domain-spec of {@code exp=} (§6.2), or null
 * @param unknownModifiers modifiers this implementation does not know, kept for display (§6: ignored)
 */
public record SpfRecord(String text, List<Mechanism> mechanisms, String redirect, String exp, List<String> unknownModifiers) {

  public SpfRecord {
    mechanisms = List.copyOf(mechanisms);
    unknownModifiers = List.copyOf(unknownModifiers);
  }

  /** Parses a record that starts with {@code v=spf1}. */
  public static SpfRecord parse(String text) throws SpfSyntaxException {
    return SpfParser.parse(text);
  }

  /** True when an {@code all} mechanism is present: then {@code redirect=} is never used (§6.1). */
  public boolean hasAll() {
    return mechanisms.stream().anyMatch(m -> m.kind() == Mechanism.Kind.ALL);
  }

  /** The redirect that evaluation can reach: none when the record has {@code all} (§6.1). */
  public String effectiveRedirect() {
    return hasAll() ? null : redirect;
  }
}
