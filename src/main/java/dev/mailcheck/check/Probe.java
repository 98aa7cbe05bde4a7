package dev.mailcheck.check;

import java.util.Locale;

/**
 * The kinds of outside system a check may ask. Every family but DNS can be left out of a run with
 * {@code --skip} / {@code MAILCHECK_SKIP}; a check that uses a skipped family is not run.
 */
public enum Probe {
  /** DNS questions through the run's client (every check needs it; never skipped). */
  DNS,
  /** HTTPS fetches (MTA-STS policies, BIMI, link checks). */
  HTTP,
  /** SMTP conversations with mail servers. */
  SMTP,
  /** RDAP look-ups of who holds an address. */
  RDAP;

  /** The name {@code --skip} takes: {@code smtp}, {@code http}, {@code rdap}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code --skip} may name this family. */
  public boolean skippable() {
    return this != DNS;
  }
}
