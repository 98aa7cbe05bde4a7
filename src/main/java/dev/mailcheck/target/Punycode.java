package dev.mailcheck.target;

/**
 * The Punycode encoder of RFC 3492 §6.3. java.net.IDN implements IDNA2003, which maps ß and ς to
 * other letters before encoding (faß.de would become fass.de, another domain); IDNA2008 (RFC 5891,
 * UTS #46 non-transitional) keeps them, so labels holding them are encoded here.
 */
final class Punycode {
  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;

  private Punycode() {}

  /** The Punycode of one label (without the {@code xn--} prefix). */
  static String encode(String label) {
    int[] cps = label.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int c : cps) {
      if (c < 0x80) {
        out.append((char) c);
      }
    }
    int b = out.length();
    int h = b;
    if (b > 0) {
      out.append('-');
    }
    int n = 0x80;
    long delta = 0;
    int bias = 72;
    while (h < cps.length) {
      int m = Integer.MAX_VALUE;
      for (int c : cps) {
        if (c >= n && c < m) {
          m = c;
        }
      }
      delta += (long) (m - n) * (h + 1);
      n = m;
      for (int c : cps) {
        if (c < n) {
          delta++;
        }
        if (c == n) {
          long q = delta;
          for (int k = BASE; ; k += BASE) {
            int t = k <= bias ? TMIN : Math.min(k - bias, TMAX);
            if (q < t) {
              break;
            }
            out.append(digit((int) (t + (q - t) % (BASE - t))));
            q = (q - t) / (BASE - t);
          }
          out.append(digit((int) q));
          bias = adapt(delta, h + 1, h == b);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return out.toString();
  }

  private static int adapt(long delta, int points, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / points;
    int k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
      delta /= BASE - TMIN;
      k += BASE;
    }
    return (int) (k + (BASE - TMIN + 1) * delta / (delta + SKEW));
  }

  private static char digit(int d) {
    return (char) (d < 26 ? 'a' + d : '0' + d - 26);
  }
}
