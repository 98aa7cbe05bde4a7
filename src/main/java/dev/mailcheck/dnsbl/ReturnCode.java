package dev.mailcheck.dnsbl;

import dev.mailcheck.report.Severity;

/**
 * A range of A answers a list documents, with what they mean (message key
 * {@code dnsbl.code.<meaning>} and its {@code .fix}) and how much a listing there matters.
 *
 * @param from first answer of the range, as a 32-bit number
 * @param to last answer of the range, inclusive
 */
public record ReturnCode(int from, int to, String meaning, Severity severity) {

  public boolean covers(int answer) {
    return Integer.compareUnsigned(answer, from) >= 0 && Integer.compareUnsigned(answer, to) <= 0;
  }

  /** The key of the sentence saying what the code means. */
  public String meaningKey() {
    return "dnsbl.code." + meaning;
  }

  /** The key of the sentence saying what to do about it. */
  public String fixKey() {
    return "dnsbl.code." + meaning + ".fix";
  }
}
