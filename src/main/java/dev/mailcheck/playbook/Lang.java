package dev.mailcheck.playbook;

import java.util.Locale;

/** The languages messages are written in. */
public enum Lang {
  EN,
  KO;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code en}, {@code ko}, or a locale such as {@code ko-KR} / {@code ko_KR}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Lang of(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("ko")) {
      return KO;
    }
    if (t.startsWith("en")) {
      return EN;
    }
    throw new IllegalArgumentException("'" + text + "' is not a supported language; use en or ko.");
  }

  /** Korean for a Korean locale, English for anything else (including null). */
  public static Lang forLocale(String locale) {
    return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("ko") ? KO : EN;
  }
}
