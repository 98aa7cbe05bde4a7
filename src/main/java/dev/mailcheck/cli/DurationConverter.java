package dev.mailcheck.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Parses {@code 20s}, {@code 500ms}, {@code 2m} or a bare number of seconds; zero is allowed (callers that need more say so). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  /** Digits with an optional fraction, then ms, s or m (seconds when bare); nothing else ("1d" is not a day). */
  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)(ms|s|m)?");
  private static final Duration MAX = Duration.ofHours(1);

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = FORM.matcher(v);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 20s, 500ms or 2m.");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = amount * switch (unit) {
      case "ms" -> 1;
      case "m" -> 60_000;
      default -> 1000;
    };
    if (millis > MAX.toMillis()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is longer than the 1 hour a run may take; use e.g. 20s or 2m.");
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
