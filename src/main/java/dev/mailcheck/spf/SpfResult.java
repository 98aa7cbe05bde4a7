package dev.mailcheck.spf;

import java.util.Locale;

/** The seven results of check_host() (RFC 7208 §2.6). */
public enum SpfResult {
  /** §2.6.3: the client is authorized. */
  PASS,
  /** §2.6.4: the client is explicitly not authorized. */
  FAIL,
  /** §2.6.5: probably not authorized; a weak statement. */
  SOFTFAIL,
  /** §2.6.2: the domain makes no assertion about the client. */
  NEUTRAL,
  /** §2.6.1: no SPF record, or the domain could not be used. */
  NONE,
  /** §2.6.6: a transient (DNS) error; a later retry may succeed. */
  TEMPERROR,
  /** §2.6.7: the published records could not be interpreted. */
  PERMERROR;

  /** Lower-case name as written in Received-SPF headers and in our JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
