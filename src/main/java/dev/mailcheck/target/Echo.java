package dev.mailcheck.target;

/**
 * How what a user typed is shown back in a sentence: control and invisible formatting characters
 * written as escapes (an ESC sequence must not recolour the terminal, a zero-width joiner must be
 * seen), and a long value cut, so a 1 MB field is not echoed whole.
 */
public final class Echo {
  /** Characters of the input shown before it is cut. */
  public static final int MAX = 80;

  private Echo() {}

  public static String of(String input) {
    return of(input, MAX);
  }

  /** The input with control characters escaped, cut after {@code max} characters. */
  public static String of(String input, int max) {
    if (input == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(input.length(), max) + 16);
    int shown = 0;
    for (int i = 0; i < input.length(); ) {
      int c = input.codePointAt(i);
      i += Character.charCount(c);
      if (shown == max) {
        out.append("… (").append(input.codePointCount(0, input.length())).append(" characters)");
        break;
      }
      shown++;
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          int type = Character.getType(c);
          if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED) {
            out.append(c <= 0xff ? String.format("\\x%02X", c) : String.format("\\u{%X}", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A value cut to {@code max} characters (for machine-readable echoes, where escaping is the format's job). */
  public static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end) + "…";
  }
}
