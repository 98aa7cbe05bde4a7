package dev.mailcheck.bounce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.playbook.Catalog;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a bounce next to the check of the IP/domain it implicates ({@code mailcheck bounce --check}):
 * does the check still see the cause the receiver gave? Which finding IDs confirm a cause, and which
 * show it gone, is data ({@code bounce/confirm.json}), so the findings of checks added later count by
 * their IDs alone.
 */
public final class BounceConfirmation {
  private static final String RESOURCE = "/dev/mailcheck/bounce/confirm.json";

  /** What the check says about the bounce's cause. */
  public enum Status {
    /** A finding of the check shows the cause. */
    CONFIRMED,
    /** The check finds the thing fine now (the fix may already be in place, or another IP sent the mail). */
    CLEARED,
    /** The check could not tell: its check is not in this build, or it could not finish. */
    UNCHECKED,
    /** Nothing DNS shows can confirm this cause (a full mailbox, greylisting, a rate limit). */
    NOT_VISIBLE
  }

  /**
   * @param findings the findings that decided, as {@code id subject}
   * @param sentence the two facts side by side, in the chosen language
   */
  public record Outcome(Status status, List<String> findings, String sentence) {}

  /**
   * @param sameList whether a finding counts only when it names the blocklist the bounce named
   */
  private record Rule(Set<String> confirmedBy, Set<String> clearedBy, boolean sameList) {}

  private static final Map<String, Rule> RULES = load();

  private BounceConfirmation() {}

  private static Map<String, Rule> load() {
    try (InputStream in = BounceConfirmation.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Rule> rules = new java.util.LinkedHashMap<>();
      root.path("categories").fields().forEachRemaining(e -> rules.put(e.getKey(),
          new Rule(strings(e.getValue().path("confirmedBy")), strings(e.getValue().path("clearedBy")),
              e.getValue().path("sameList").asBoolean(false))));
      return Map.copyOf(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> strings(JsonNode n) {
    Set<String> out = new java.util.LinkedHashSet<>();
    n.forEach(x -> out.add(x.asText()));
    return Set.copyOf(out);
  }

  /** The categories a check can confirm, for the data's test. */
  static Set<String> categories() {
    return RULES.keySet();
  }

  /** Reads the report against the diagnosis and says, in one sentence, whether the cause is still there. */
  public static Outcome of(BounceAdvice advice, Report report, Lang lang) {
    BounceDiagnosis d = advice.diagnosis();
    Messages m = Messages.of(lang);
    String codes = d.smtpCode() == null && d.enhancedCode() == null ? d.category()
        : String.join(" ", java.util.stream.Stream.of(d.smtpCode(), d.enhancedCode()).filter(java.util.Objects::nonNull).toList());
    Rule rule = RULES.get(d.category());
    if (rule == null) {
      return new Outcome(Status.NOT_VISIBLE, List.of(), m.get("bounce.check.not-visible", advice.receiver(), codes));
    }
    // A Spamhaus bounce is confirmed by a Spamhaus listing, not by SpamCop's; cleared only by Spamhaus answering "not listed".
    java.util.function.Predicate<Finding> aboutIt = f -> !rule.sameList() || d.list() == null || names(f, d.list());
    List<Finding> confirming = report.findings().stream().filter(f -> rule.confirmedBy().contains(f.id())).filter(aboutIt).toList();
    if (!confirming.isEmpty()) {
      String what = Catalog.bundled().view(confirming.get(0), lang).summary();
      return new Outcome(Status.CONFIRMED, ids(confirming), m.get("bounce.check.confirmed", advice.receiver(), codes, what));
    }
    List<Finding> clearing = report.findings().stream().filter(f -> rule.clearedBy().contains(f.id())).filter(aboutIt).toList();
    if (!clearing.isEmpty()) {
      return new Outcome(Status.CLEARED, ids(clearing), m.get("bounce.check.cleared", advice.receiver(), codes,
          String.join(", ", ids(clearing))));
    }
    return new Outcome(Status.UNCHECKED, List.of(), m.get("bounce.check.unchecked", advice.receiver(), codes));
  }

  /** Whether a finding's arguments name the list (by the id the bounce data gives it: {@code spamhaus} in "Spamhaus ZEN"). */
  private static boolean names(Finding f, String list) {
    Messages en = Messages.of(Lang.EN);
    String needle = list.toLowerCase(java.util.Locale.ROOT);
    return f.args().stream()
        .map(a -> a instanceof dev.mailcheck.report.Text t ? t.in(en) : String.valueOf(a))
        .anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains(needle));
  }

  private static List<String> ids(List<Finding> fs) {
    List<String> out = new ArrayList<>();
    fs.forEach(f -> out.add(f.id() + " " + f.subject()));
    return List.copyOf(out);
  }
}
