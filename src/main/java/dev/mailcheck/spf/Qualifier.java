package dev.mailcheck.spf;

/** The prefix of a directive and the result it gives on a match (RFC 7208 §4.6.2). */
public enum Qualifier {
  PLUS('+', SpfResult.PASS),
  MINUS('-', SpfResult.FAIL),
  TILDE('~', SpfResult.SOFTFAIL),
  QUESTION('?', SpfResult.NEUTRAL);

  private final char symbol;
  private final SpfResult result;

  Qualifier(char symbol, SpfResult result) {
    this.symbol = symbol;
    this.result = result;
  }

  public char symbol() {
    return symbol;
  }

  public SpfResult result() {
    return result;
  }

  /** The qualifier written as {@code c}, or null when {@code c} is not one (then "+" is implied). */
  static Qualifier of(char c) {
    for (Qualifier q : values()) {
      if (q.symbol == c) {
        return q;
      }
    }
    return null;
  }
}
