package dev.mailcheck.dnsbl;

import java.util.Locale;

/** What a list asks of whoever queries it. */
public enum Access {
  /** Free through one's own resolver, within the list's fair-use limits. */
  NO_REGISTRATION,
  /** Answers only resolvers registered with the list (Barracuda). */
  REGISTRATION,
  /** Needs a key in the query name. */
  KEY;

  public static Access of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
