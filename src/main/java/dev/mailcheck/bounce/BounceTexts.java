package dev.mailcheck.bounce;

import dev.mailcheck.playbook.Lang;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The bounce texts ({@code dev/mailcheck/bounce/messages*.properties}) in one language. Placeholders
 * are {@code {0}}, {@code {1}}…, filled as written (no MessageFormat quoting); {@code {2|을}} fills the
 * value followed by the Korean particle form that fits it (을 or 를), see {@link KoreanParticles}.
 */
public final class BounceTexts {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  private static final String BASE = "dev.mailcheck.bounce.messages";
  private static final BounceTexts EN = new BounceTexts(Lang.EN);
  private static final BounceTexts KO = new BounceTexts(Lang.KO);

  private final Lang lang;
  private final ResourceBundle bundle;

  private BounceTexts(Lang lang) {
    this.lang = lang;
    this.bundle = ResourceBundle.getBundle(BASE, lang == Lang.KO ? Locale.KOREAN : Locale.ROOT, NO_FALLBACK);
  }

  public static BounceTexts of(Lang lang) {
    return lang == Lang.KO ? KO : EN;
  }

  public Lang lang() {
    return lang;
  }

  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The text with placeholders filled; the key itself when it is missing (a test keeps that from shipping). */
  public String get(String key, Object... args) {
    if (!bundle.containsKey(key)) {
      return key;
    }
    String text = bundle.getString(key);
    for (int i = 0; i < args.length; i++) {
      String value = String.valueOf(args[i]);
      // {n|을}: the value with the particle form that fits its last sound (Korean texts).
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{" + i + "\\|([^}]+)}").matcher(text);
      text = m.replaceAll(r -> java.util.regex.Matcher.quoteReplacement(KoreanParticles.attach(value, r.group(1))));
      text = text.replace("{" + i + "}", value);
    }
    return text;
  }

  /** The first of the keys the bundle has, filled; null when it has none of them. */
  public String first(java.util.List<String> keys, Object... args) {
    for (String k : keys) {
      if (has(k)) {
        return get(k, args);
      }
    }
    return null;
  }
}
