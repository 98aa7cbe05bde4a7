package dev.mailcheck.spf;

/**
 * What check_host() concluded (RFC 7208 §2.6), and how.
 *
 * @param explanation the expanded {@code exp=} text (§6.2), only for a fail whose record has one; else null
 * @param mechanism the directive that decided, as written (e.g. {@code -all}); null when none did
 *     (default neutral, none, or an error)
 * @param domain the domain whose record held that directive (after redirects), or the domain where it stopped
 * @param dnsLookups DNS-querying terms evaluated (§4.6.4: include, a, mx, ptr, exists, redirect)
 * @param voidLookups terms whose lookup returned no records (§4.6.4)
 * @param why why, for errors, none and the default result; else null
 */
public record SpfOutcome(SpfResult result, String explanation, String mechanism, String domain, int dnsLookups,
    int voidLookups, SpfReason why) {

  /** {@link #why()} in English, or null. */
  public String reason() {
    return why == null ? null : why.toString();
  }
}
