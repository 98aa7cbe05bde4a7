package dev.mailcheck.check;

import dev.mailcheck.http.HttpFetchException;
import dev.mailcheck.http.HttpGet;
import dev.mailcheck.http.HttpResult;
import dev.mailcheck.report.Text;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTPS GET of a check (an MTA-STS policy, a BIMI logo) through the run's guarded client:
 * no redirect followed (RFC 8461 §3.3), bounded in size and in time by what is left of the run.
 */
final class HttpsProbe {
  /** What a fetch came back with: a response, or why there was none. */
  record Outcome(HttpResult result, HttpFetchException failure) {
    boolean ok() {
      return result != null && result.status() == 200;
    }

    /** The response's media type without parameters, lower case; empty when it has none. */
    String mediaType() {
      String ct = result == null ? null : result.header("content-type");
      return ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** Why no response came, in words ({@code http.why.<kind>}). */
    Text why() {
      return Text.of("http.why." + failure.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
  }

  private HttpsProbe() {}

  static CompletableFuture<Outcome> get(CheckContext ctx, String url, long maxBytes) {
    // Leave the engine a moment to keep this answer rather than its own deadline finding.
    Duration left = ctx.remaining().minusMillis(200);
    Duration timeout = left.compareTo(HttpGet.DEFAULT_TIMEOUT) < 0 ? left : HttpGet.DEFAULT_TIMEOUT;
    if (timeout.toMillis() < 100) {
      timeout = Duration.ofMillis(100);
    }
    HttpGet get = HttpGet.of(url).withMaxBytes(maxBytes).withTimeout(timeout);
    return ctx.blocking(() -> {
      try {
        return new Outcome(ctx.http().fetch(get), null);
      } catch (HttpFetchException e) {
        return new Outcome(null, e);
      }
    });
  }
}
