package dev.mailcheck.check;

import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.Health;
import dev.mailcheck.dnsbl.ListAnswer;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the DNSBL and DBL checks report when a list could not be trusted or asked: an unhealthy list
 * ({@code dnsbl.list-unhealthy}) or a refused question ({@code dnsbl.query-refused}), once per list
 * however many subjects were asked; an unanswered question as {@code dns.*}. Never "clean".
 */
final class ListProblems {
  static final FindingKind REFUSED = FindingKind.of("dnsbl.query-refused");
  static final FindingKind UNHEALTHY = FindingKind.of("dnsbl.list-unhealthy");

  private final CheckContext ctx;
  private final String check;
  private final Set<String> reported = new HashSet<>();
  private final List<Finding> out = new ArrayList<>();

  ListProblems(CheckContext ctx, String check) {
    this.ctx = ctx;
    this.check = check;
  }

  /** Records the lookup's problem if it has one; true when it has (its answer is then not used). */
  boolean add(Lookup l) {
    BlockList list = l.list();
    switch (l.health()) {
      case Health.Unhealthy u -> {
        once(list.display(), () -> ctx.findings().make(check, UNHEALTHY, Severity.ERROR, list.display(), List.of(),
            list.name(), list.display(), Text.of("dnsbl.unhealthy." + u.reason(), u.testPoint())));
        return true;
      }
      case Health.Refused r -> {
        refused(list, r.refusal(), List.of());
        return true;
      }
      case Health.Failed f -> {
        once(f.answer().question(), () -> ctx.dnsFailure(check, f.answer()));
        return true;
      }
      case Health.Healthy h -> {
        // The answer decides.
      }
    }
    switch (l.answer()) {
      case ListAnswer.Refused r -> {
        refused(list, r, Evidence.answer(l.raw()));
        return true;
      }
      case ListAnswer.Failed f -> {
        once(f.answer().question(), () -> ctx.dnsFailure(check, f.answer()));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void refused(BlockList list, ListAnswer.Refused r, List<String> evidence) {
    once(list.display(), () -> ctx.findings().make(check, REFUSED, Severity.ERROR, list.display(), evidence,
        list.name(), list.display(), r.answer(), Text.of("dnsbl.refusal." + r.reason()), Text.of("dnsbl.refusal." + r.reason() + ".fix")));
  }

  private void once(String key, java.util.function.Supplier<Finding> make) {
    if (reported.add(key)) {
      out.add(make.get());
    }
  }

  List<Finding> findings() {
    return out;
  }
}
