package dev.mailcheck.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Chooses a Korean particle by the final sound of the word it follows (을/를, 이/가, 은/는, 과/와,
 * 으로/로…), so a text never prints both forms ("을(를)"). Hangul is read by its final consonant;
 * digits as a Korean reader says the number (…10 "십", …2 "이", …1 "일"); Latin letters as words or
 * letter names ({@code ko-readings.properties}: com "컴", kr "케이알", m "엠").
 *
 * <p>In a bundle the form is {@code {0:을}}: argument 0, then the particle that fits it. Either form
 * of a pair may be written ({@code {0:를}} means the same).
 */
public final class KoreanParticles {

  /** The final sound of a word as far as particles care. */
  enum Sound {
    /** Ends in a vowel: 를, 가, 는, 와, 로. */
    VOWEL,
    /** Ends in ㄹ: a consonant, except that 으로 becomes 로. */
    RIEUL,
    /** Ends in any other consonant: 을, 이, 은, 과, 으로. */
    CONSONANT
  }

  /** A particle pair: after a consonant, after a vowel, and whether ㄹ takes the vowel form (으로). */
  private record Pair(String consonant, String vowel, boolean rieulAsVowel) {}

  private static final Map<String, Pair> PAIRS = pairs(
      new Pair("을", "를", false),
      new Pair("이", "가", false),
      new Pair("은", "는", false),
      new Pair("과", "와", false),
      new Pair("으로", "로", true),
      new Pair("으로는", "로는", true),
      new Pair("으로도", "로도", true),
      new Pair("이라는", "라는", false),
      new Pair("이라고", "라고", false),
      new Pair("이나", "나", false),
      new Pair("이며", "며", false));

  private static Map<String, Pair> pairs(Pair... all) {
    Map<String, Pair> out = new java.util.HashMap<>();
    for (Pair p : all) {
      out.put(p.consonant(), p);
      out.putIfAbsent(p.vowel(), p);
    }
    return Map.copyOf(out);
  }

  private static final Properties READINGS = load();

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = KoreanParticles.class.getResourceAsStream("/dev/mailcheck/playbook/ko-readings.properties")) {
      if (in == null) {
        throw new IllegalStateException("ko-readings.properties is missing from the build");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** How numbers read by their trailing zeros: 십, 백, 천, 만 (all end in a consonant but ㄹ). */
  private static final String[] DIGITS = {"영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"};

  private KoreanParticles() {}

  /** Whether {@code particle} is one this class can choose ({@code 을}, {@code 를}, {@code 으로}…). */
  public static boolean known(String particle) {
    return PAIRS.containsKey(particle);
  }

  /** {@code word} followed by the form of {@code particle} that fits its final sound. */
  public static String attach(String word, String particle) {
    return word + choose(word, particle);
  }

  /** The form of {@code particle} that fits the end of {@code word}; an unknown particle as written. */
  public static String choose(String word, String particle) {
    Pair p = PAIRS.get(particle);
    if (p == null) {
      return particle;
    }
    return switch (finalSound(word)) {
      case VOWEL -> p.vowel();
      case RIEUL -> p.rieulAsVowel() ? p.vowel() : p.consonant();
      case CONSONANT -> p.consonant();
    };
  }

  /** The final sound of {@code word}, ignoring closing punctuation (quotes, brackets, dots). */
  static Sound finalSound(String word) {
    int end = word.length();
    while (end > 0 && !Character.isLetterOrDigit(word.charAt(end - 1))) {
      end--;
    }
    if (end == 0) {
      return Sound.CONSONANT;
    }
    char last = word.charAt(end - 1);
    if (isHangulSyllable(last)) {
      return ofSyllable(last);
    }
    if (last >= '0' && last <= '9') {
      int start = end;
      while (start > 0 && Character.isDigit(word.charAt(start - 1))) {
        start--;
      }
      return ofReading(number(word.substring(start, end)));
    }
    if (isAsciiLetter(last)) {
      int start = end;
      while (start > 0 && isAsciiLetter(word.charAt(start - 1))) {
        start--;
      }
      return ofReading(latin(word.substring(start, end).toLowerCase(Locale.ROOT)));
    }
    return Sound.CONSONANT;
  }

  /** How a run of digits ends when read aloud: the last non-zero digit, or 십/백/천/만 for its zeros. */
  private static String number(String digits) {
    int zeros = 0;
    for (int i = digits.length() - 1; i >= 0 && digits.charAt(i) == '0'; i--) {
      zeros++;
    }
    if (zeros == digits.length()) {
      return "영";
    }
    return switch (zeros) {
      case 0 -> DIGITS[digits.charAt(digits.length() - 1) - '0'];
      case 1 -> "십";
      case 2 -> "백";
      case 3 -> "천";
      case 4, 5, 6, 7 -> "만";
      default -> "억";
    };
  }

  /** How a run of Latin letters ends when read: the word, a known ending, or the last letter's name. */
  private static String latin(String letters) {
    String whole = READINGS.getProperty("word." + letters);
    if (whole != null) {
      return whole;
    }
    for (int from = 1; from < letters.length() - 1; from++) {
      String ending = READINGS.getProperty("end." + letters.substring(from));
      if (ending != null) {
        return ending;
      }
    }
    return READINGS.getProperty("letter." + letters.charAt(letters.length() - 1), "");
  }

  private static Sound ofReading(String reading) {
    if (reading.isEmpty()) {
      return Sound.CONSONANT;
    }
    char last = reading.charAt(reading.length() - 1);
    return isHangulSyllable(last) ? ofSyllable(last) : Sound.CONSONANT;
  }

  private static Sound ofSyllable(char c) {
    int jong = (c - 0xAC00) % 28;
    if (jong == 0) {
      return Sound.VOWEL;
    }
    return jong == 8 ? Sound.RIEUL : Sound.CONSONANT;
  }

  private static boolean isHangulSyllable(char c) {
    return c >= 0xAC00 && c <= 0xD7A3;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
