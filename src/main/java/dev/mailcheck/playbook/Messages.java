package dev.mailcheck.playbook;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text in one language, from the {@code messages*.properties} bundles. Placeholders
 * are {@code {0}}, {@code {1}}…; quotes need no escaping (this is not MessageFormat).
 */
public final class Messages {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Lang lang;
  private final ResourceBundle bundle;

  private Messages(Lang lang, ResourceBundle bundle) {
    this.lang = lang;
    this.bundle = bundle;
  }

  private static final Messages EN = load(Lang.EN);
  private static final Messages KO = load(Lang.KO);

  private static Messages load(Lang lang) {
    Locale locale = lang == Lang.KO ? Locale.KOREAN : Locale.ROOT;
    return new Messages(lang, ResourceBundle.getBundle("dev.mailcheck.messages", locale, NO_FALLBACK));
  }

  public static Messages of(Lang lang) {
    return lang == Lang.KO ? KO : EN;
  }

  public Lang lang() {
    return lang;
  }

  /** True when the bundle (or its English parent) has the key. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The text for a key with {@code {n}} placeholders filled; the key itself if it is missing. */
  public String get(String key, Object... args) {
    String text;
    try {
      text = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return fill(text, args);
  }

  /** The text for a key, or null when the bundle has none. */
  public String getOrNull(String key, Object... args) {
    return has(key) ? get(key, args) : null;
  }

  static String fill(String text, Object... args) {
    if (args.length == 0 || text.indexOf('{') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int close = c == '{' ? text.indexOf('}', i) : -1;
      if (close > i + 1 && close - i <= 3) {
        String n = text.substring(i + 1, close);
        if (n.chars().allMatch(Character::isDigit)) {
          int idx = Integer.parseInt(n);
          out.append(idx < args.length ? String.valueOf(args[idx]) : "");
          i = close;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
