package dev.mailcheck.bounce;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.CheckRequest;
import dev.mailcheck.target.RequestParser;
import dev.mailcheck.target.Target;
import dev.mailcheck.target.TargetParser;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to check after a bounce ({@code mailcheck bounce --check}, and every bounce in Slack): the
 * domain the bounce is about, as sent from the IP it names (so SPF and PTR are judged for that IP),
 * when it names both; else the one it names. The target follows the same rules as
 * {@code mailcheck check} ({@link RequestParser}), so a private address is refused the same way.
 *
 * @param target what the engine runs on
 * @param options the sending IP (when the bounce names a domain too), the skips, the deadline, the language
 */
public record ImplicatedCheck(Target target, CheckOptions options) {

  /**
   * The check a diagnosis implicates; empty when the bounce names neither an IP nor a domain.
   *
   * @throws BadTargetException when what the bounce names cannot be checked (e.g. a private IP
   *     while private targets are not allowed)
   */
  public static Optional<ImplicatedCheck> of(BounceDiagnosis d, boolean allowPrivate, Set<String> skip, Duration timeout, Lang lang)
      throws BadTargetException {
    if (d.ip() == null && d.domain() == null) {
      return Optional.empty();
    }
    RequestParser parser = new RequestParser(new TargetParser(allowPrivate));
    CheckRequest request = d.domain() != null
        ? parser.check(List.of(d.domain()), d.ip() == null ? List.of() : List.of(d.ip()), null, List.of(), 1)
        : parser.check(List.of(d.ip()), List.of(), null, List.of(), 1);
    CheckOptions options = new CheckOptions(request.from(), null, List.of(), new HashSet<>(skip), timeout, lang);
    return Optional.of(new ImplicatedCheck(request.targets().get(0), options));
  }
}
