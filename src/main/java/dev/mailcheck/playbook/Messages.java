package dev.mailcheck.playbook;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text in one language. Each area keeps its own bundle: {@code dev/mailcheck/messages}
 * (renderers, the run's own findings), the bundles the registered checks' catalogs name
 * ({@link Catalog#bundles()}), and {@code dev/mailcheck/slack/messages}; a key is looked up in each
 * in turn. Placeholders are {@code {0}}, {@code {1}}…; quotes need no escaping (this is not
 * MessageFormat). An argument that is a {@link Text} is put into the same language. In Korean texts
 * {@code {0:을}} writes argument 0 and then the particle that fits its last sound (을 or 를; also
 * 이/가, 은/는, 과/와, 으로/로…), see {@link KoreanParticles}.
 */
public final class Messages {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** Bundle base names, one per area that has texts of its own: derived from the check registry. */
  static final java.util.List<String> BUNDLES = bundles();

  private static java.util.List<String> bundles() {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    names.add("dev.mailcheck.messages");
    names.addAll(Catalog.bundled().bundles());
    // Bounce diagnosis words its own causes (no finding catalog): its bundle is read like the others.
    names.add("dev.mailcheck.bounce.messages");
    names.add("dev.mailcheck.slack.messages");
    return java.util.List.copyOf(names);
  }

  private final Lang lang;
  private final java.util.List<ResourceBundle> bundles;

  private Messages(Lang lang, java.util.List<ResourceBundle> bundles) {
    this.lang = lang;
    this.bundles = bundles;
  }

  private static final Messages EN = load(Lang.EN);
  private static final Messages KO = load(Lang.KO);

  private static Messages load(Lang lang) {
    Locale locale = lang == Lang.KO ? Locale.KOREAN : Locale.ROOT;
    java.util.List<ResourceBundle> found = new java.util.ArrayList<>();
    for (String base : BUNDLES) {
      try {
        found.add(ResourceBundle.getBundle(base, locale, NO_FALLBACK));
      } catch (MissingResourceException e) {
        // An area without texts yet.
      }
    }
    return new Messages(lang, java.util.List.copyOf(found));
  }

  public static Messages of(Lang lang) {
    return lang == Lang.KO ? KO : EN;
  }

  public Lang lang() {
    return lang;
  }

  /** True when the bundle (or its English parent) has the key. */
  public boolean has(String key) {
    return bundleWith(key) != null;
  }

  private ResourceBundle bundleWith(String key) {
    for (ResourceBundle b : bundles) {
      if (b.containsKey(key)) {
        return b;
      }
    }
    return null;
  }

  /** The text for a key with {@code {n}} placeholders filled; the key itself if it is missing. */
  public String get(String key, Object... args) {
    ResourceBundle b = bundleWith(key);
    return b == null ? key : fillIn(b.getString(key), args);
  }

  /**
   * The text for a key that must exist (a finding's summary or fix, which the catalog test proves
   * are there in both languages); fails rather than show a key to a user.
   */
  public String require(String key, Object... args) {
    ResourceBundle b = bundleWith(key);
    if (b == null) {
      throw new java.util.MissingResourceException("no " + lang.code() + " text for " + key, "Messages", key);
    }
    return fillIn(b.getString(key), args);
  }

  /** The text for a key, or null when the bundle has none. */
  public String getOrNull(String key, Object... args) {
    return has(key) ? get(key, args) : null;
  }

  static String fill(String text, Object... args) {
    return EN.fillIn(text, args);
  }

  private String fillIn(String text, Object... args) {
    if (args.length == 0 || text.indexOf('{') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int close = c == '{' ? text.indexOf('}', i) : -1;
      if (close > i + 1 && close - i <= MAX_PLACEHOLDER) {
        Placeholder p = Placeholder.parse(text.substring(i + 1, close));
        if (p != null) {
          Object a = p.index() < args.length ? args[p.index()] : "";
          String value = a instanceof dev.mailcheck.report.Text t ? t.in(this) : String.valueOf(a);
          out.append(p.particle() == null ? value : KoreanParticles.attach(value, p.particle()));
          i = close;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The longest placeholder with its braces: {@code {12:이라는}}. */
  private static final int MAX_PLACEHOLDER = 9;

  /**
   * {@code {n}}: argument n; {@code {n:을}}: argument n followed by the particle that fits its final
   * sound ({@link KoreanParticles}). Anything else in braces is text ({@code {"ip"}}, {@code {x}}).
   */
  record Placeholder(int index, String particle) {
    static Placeholder parse(String inside) {
      int colon = inside.indexOf(':');
      String number = colon < 0 ? inside : inside.substring(0, colon);
      if (number.isEmpty() || number.length() > 2 || !number.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return null;
      }
      String particle = colon < 0 ? null : inside.substring(colon + 1);
      if (particle != null && !KoreanParticles.known(particle)) {
        return null;
      }
      return new Placeholder(Integer.parseInt(number), particle);
    }
  }
}
