package dev.mailcheck.bounce;

/**
 * What a bounce means, in the vocabulary of the bounce corpus: who rejected ({@code provider}), why
 * ({@code category}), which blocklist ({@code list}), the codes, and the IP and domain it is about.
 * Language-free: {@link BounceAdvisor} turns it into a summary, a fix and links in one language, and a
 * later check of the implicated {@link #ip()} / {@link #domain()} can start from it.
 *
 * @param provider {@code gmail}, {@code outlook}, {@code microsoft365}, {@code yahoo}, {@code icloud},
 *     {@code naver}, {@code daum}, {@code comcast} or {@code unknown}
 * @param category the cause, e.g. {@code ptr.missing}; {@code unknown} when no signature matched
 * @param list the blocklist named ({@code spamhaus}, {@code barracuda}, …), or null
 * @param smtpCode the reply code (RFC 5321 §4.2), or null
 * @param enhancedCode the enhanced status code (RFC 3463), or null
 * @param ip the sending IP the bounce mentions, or null
 * @param domain the domain the bounce is about (the sender's), or null
 * @param rejectingHost the receiver's host that rejected, when the bounce names it, or null
 * @param rule the signature rule that decided the category (its id in {@code signatures.json}), or null
 */
public record BounceDiagnosis(String provider, String category, String list, String smtpCode, String enhancedCode,
    String ip, String domain, String rejectingHost, String rule) {

  /** The provider id for a bounce whose receiver could not be told. */
  public static final String UNKNOWN = "unknown";

  /** True when a cause was found (the provider may still be unknown). */
  public boolean diagnosed() {
    return !category.equals(UNKNOWN);
  }

  /** The message keys of the summary, most specific first: {@code bounce.<category>.<provider>.summary}, {@code bounce.<category>.summary}. */
  public java.util.List<String> summaryKeys() {
    return java.util.List.of("bounce." + category + "." + provider + ".summary", "bounce." + category + ".summary");
  }

  /**
   * The message keys of the fix, most specific first: for the blocklist named, for the receiver, for
   * the cause ({@code bounce.<category>.<list>.fix}, {@code bounce.<category>.<provider>.fix},
   * {@code bounce.<category>.fix}).
   */
  public java.util.List<String> fixKeys() {
    java.util.List<String> keys = new java.util.ArrayList<>();
    if (list != null) {
      keys.add("bounce." + category + "." + list + ".fix");
    }
    keys.add("bounce." + category + "." + provider + ".fix");
    keys.add("bounce." + category + ".fix");
    return java.util.List.copyOf(keys);
  }
}
