package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsAnswer;

/** Whether a list passed its RFC 5782 §5 test points, so that its answers can be trusted. */
public sealed interface Health {

  /** Lists the test point that must be listed and not the one that must not. */
  record Healthy() implements Health {}

  /**
   * Fails a test point: its answers are ignored.
   *
   * @param reason suffix of {@code dnsbl.unhealthy.<reason>}: {@code test-not-listed} or {@code clean-listed}
   * @param testPoint the test point it got wrong, as written in the catalog
   */
  record Unhealthy(String reason, String testPoint) implements Health {}

  /** A test question was refused (the same refusal every question to the list would get). */
  record Refused(ListAnswer.Refused refusal) implements Health {}

  /** A test question got no answer: whether the list works could not be checked. */
  record Failed(DnsAnswer answer) implements Health {}

  default boolean healthy() {
    return this instanceof Healthy;
  }
}
