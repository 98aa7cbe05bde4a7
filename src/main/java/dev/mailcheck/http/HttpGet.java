package dev.mailcheck.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A GET request and the bounds it is fetched under.
 *
 * @param url an absolute http or https URL
 * @param headers extra request headers (e.g. {@code Accept})
 * @param maxRedirects how many redirects to follow; 0 (the default) returns a 3xx as it is
 * @param maxBytes the largest body read; a larger one fails with {@link HttpFetchException.Kind#TOO_LARGE}
 * @param timeout the whole call, redirects and body included
 */
public record HttpGet(URI url, Map<String, String> headers, int maxRedirects, long maxBytes, Duration timeout) {
  /** Enough for an MTA-STS policy (RFC 8461 §3.2 suggests 64 KiB), an RDAP answer or an SVG logo. */
  public static final long DEFAULT_MAX_BYTES = 1 << 20;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public HttpGet {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' is not an absolute http or https URL.");
    }
    if (maxRedirects < 0 || maxBytes < 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("redirects, size and timeout must be positive");
    }
    headers = Map.copyOf(headers);
  }

  /** A plain GET with the defaults: no redirects, 1 MiB, 10 s. */
  public static HttpGet of(String url) {
    return new HttpGet(URI.create(url), Map.of(), 0, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT);
  }

  public HttpGet followingRedirects(int max) {
    return new HttpGet(url, headers, max, maxBytes, timeout);
  }

  public HttpGet withMaxBytes(long max) {
    return new HttpGet(url, headers, maxRedirects, max, timeout);
  }

  public HttpGet withTimeout(Duration t) {
    return new HttpGet(url, headers, maxRedirects, maxBytes, t);
  }

  public HttpGet withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpGet(url, h, maxRedirects, maxBytes, timeout);
  }
}
