package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters, in increasing order of concern; {@code ERROR} means "could not check". */
public enum Severity {
  PASS,
  INFO,
  WARN,
  FAIL,
  /** The answer could not be determined (timeout, SERVFAIL, refused, deadline): never read as "missing". */
  ERROR;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }

  public static Severity of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
