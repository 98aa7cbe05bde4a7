package dev.mailcheck.bounce;

import java.util.Locale;
import java.util.Map;

/**
 * Korean particles that depend on the last sound of the word before them (을/를, 이/가, 은/는, 과/와,
 * 으로/로), for words filled in at run time: Hangul, digits as read in Korean (IP addresses), and
 * Latin host names and acronyms as Korean engineers read them.
 */
final class KoreanParticles {
  private KoreanParticles() {}

  /** Final consonant of the reading: none, ㄹ, or another one. */
  enum Coda { NONE, RIEUL, OTHER }

  // Particle written after a word with a final consonant, and after one without.
  private static final Map<String, String[]> PAIRS = Map.of(
      "을", new String[] {"을", "를"}, "를", new String[] {"을", "를"},
      "이", new String[] {"이", "가"}, "가", new String[] {"이", "가"},
      "은", new String[] {"은", "는"}, "는", new String[] {"은", "는"},
      "과", new String[] {"과", "와"}, "와", new String[] {"과", "와"},
      "으로", new String[] {"으로", "로"}, "로", new String[] {"으로", "로"});

  // Top-level and common labels read as words ("닷컴", "닷넷"); others are read letter by letter.
  private static final Map<String, Coda> WORDS = Map.of(
      "com", Coda.OTHER, "net", Coda.OTHER, "org", Coda.NONE, "info", Coda.NONE, "biz", Coda.NONE,
      "io", Coda.NONE, "co", Coda.NONE, "me", Coda.NONE, "mail", Coda.RIEUL, "app", Coda.OTHER);

  /** The word followed by the form of {@code particle} that fits its last sound. */
  static String attach(String word, String particle) {
    String[] pair = PAIRS.get(particle);
    if (pair == null || word.isEmpty()) {
      return word + particle;
    }
    Coda coda = coda(word);
    if (pair[0].equals("으로")) {
      // 으로 after a final consonant other than ㄹ; 로 after a vowel or ㄹ.
      return word + (coda == Coda.OTHER ? "으로" : "로");
    }
    return word + (coda == Coda.NONE ? pair[1] : pair[0]);
  }

  static Coda coda(String word) {
    String w = word.strip();
    // Closing brackets and quotes do not change how the word ends.
    while (!w.isEmpty() && ")]}'\"".indexOf(w.charAt(w.length() - 1)) >= 0) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.isEmpty()) {
      return Coda.NONE;
    }
    char c = w.charAt(w.length() - 1);
    if (c >= 0xAC00 && c <= 0xD7A3) {
      int jong = (c - 0xAC00) % 28;
      return jong == 0 ? Coda.NONE : jong == 8 ? Coda.RIEUL : Coda.OTHER;
    }
    if (Character.isDigit(c)) {
      return switch (c) {
        case '1', '7', '8' -> Coda.RIEUL; // 일, 칠, 팔
        case '0', '3', '6' -> Coda.OTHER; // 영, 삼, 육
        default -> Coda.NONE; // 이, 사, 오, 구
      };
    }
    if (!Character.isLetter(c)) {
      return Coda.NONE;
    }
    int start = w.length() - 1;
    while (start > 0 && Character.isLetter(w.charAt(start - 1))) {
      start--;
    }
    String last = w.substring(start);
    Coda known = WORDS.get(last.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    if (last.length() <= 3 || last.equals(last.toUpperCase(Locale.ROOT)) || start > 0 && w.charAt(start - 1) == ':') {
      // An acronym or a hex group is read letter by letter: 엘, 엠, 엔, 알 end in a consonant.
      return switch (Character.toLowerCase(c)) {
        case 'l', 'r' -> Coda.RIEUL;
        case 'm', 'n' -> Coda.OTHER;
        default -> Coda.NONE;
      };
    }
    // A word: a final l is ㄹ; m, n, ng and a stop after a vowel (k, p, t) close the syllable.
    char lower = Character.toLowerCase(c);
    if (lower == 'l') {
      return Coda.RIEUL;
    }
    if (lower == 'm' || lower == 'n' || last.toLowerCase(Locale.ROOT).endsWith("ng")) {
      return Coda.OTHER;
    }
    char before = Character.toLowerCase(last.charAt(last.length() - 2));
    if ((lower == 'k' || lower == 'p' || lower == 't') && "aeiou".indexOf(before) >= 0) {
      return Coda.OTHER;
    }
    return Coda.NONE;
  }
}
