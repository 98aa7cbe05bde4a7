package dev.mailcheck.cli;

import java.time.Duration;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import picocli.CommandLine;

/** Parses {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h} or a bare number of seconds; zero is allowed (callers that need more say so). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  /** Digits with an optional fraction, then ms, s, m or h (seconds when bare); nothing else ("1d" is not a day). */
  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)(ms|s|m|h)?");
  private static final Duration MAX = Duration.ofHours(1);

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Refuses a zero duration where one makes no sense (a run's deadline). */
  static void requirePositive(Duration d, String option) {
    if (d.isZero()) {
      throw new InputException("input.duration-zero", option);
    }
  }

  static Duration parse(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = FORM.matcher(v);
    if (!m.matches()) {
      throw new InputException("input.duration-form", Echo.of(value));
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = amount * switch (unit) {
      case "ms" -> 1;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 1000;
    };
    if (millis > MAX.toMillis()) {
      throw new InputException("input.duration-too-long", Echo.of(value));
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
