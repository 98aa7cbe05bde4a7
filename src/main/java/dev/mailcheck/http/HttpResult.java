package dev.mailcheck.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A complete response.
 *
 * @param url where it came from (after the redirects followed, if any)
 * @param status the HTTP status code
 * @param headers response headers by lower-case name
 * @param body the whole body, at most the request's {@code maxBytes}
 * @param redirects the URLs redirected from, in order; empty when none was followed
 */
public record HttpResult(URI url, int status, Map<String, List<String>> headers, byte[] body, List<URI> redirects) {
  public HttpResult {
    headers = Map.copyOf(headers);
    redirects = List.copyOf(redirects);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The body as UTF-8 text (what MTA-STS, RDAP and SVG use). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
