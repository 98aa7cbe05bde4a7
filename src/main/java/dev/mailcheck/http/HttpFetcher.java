package dev.mailcheck.http;

/**
 * The one way checks fetch over HTTP(S) (MTA-STS policies, BIMI logos, RDAP, link verification).
 * Blocking: call it from a virtual thread. Every implementation refuses special-use addresses
 * unless allowed, follows no redirect unless asked, and bounds the body size and the call time.
 */
public interface HttpFetcher {

  /**
   * Fetches {@code request.url()} with GET.
   *
   * @return the response, whatever its status code (a 404 is an answer, not a failure)
   * @throws HttpFetchException when no complete response within the bounds arrived; its
   *     {@link HttpFetchException#kind()} says why, its message says it in one sentence
   */
  HttpResult fetch(HttpGet request) throws HttpFetchException;

  /**
   * Asks for {@code request.url()} with HEAD (RFC 9110 §9.3.2): the status and headers without the
   * body, under the same bounds. An implementation that cannot send HEAD answers with a GET, whose
   * status means the same.
   */
  default HttpResult head(HttpGet request) throws HttpFetchException {
    return fetch(request);
  }
}
