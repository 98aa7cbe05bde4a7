package dev.mailcheck.http;

import java.io.IOException;

/** Why a fetch produced no usable response; the message is one sentence a user can act on. */
public final class HttpFetchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure a check tells apart. */
  public enum Kind {
    /** The host resolves only to (or is) an address mailcheck does not connect to. */
    BLOCKED_ADDRESS,
    /** The host name has no address, or its address could not be looked up. */
    NO_ADDRESS,
    /** Nothing listens, or the connection broke. */
    CONNECT,
    /** The certificate is not trusted or does not match the host (RFC 8461 §3.3 requires both). */
    TLS,
    /** The whole call took longer than its timeout. */
    TIMEOUT,
    /** The body is larger than the request allows. */
    TOO_LARGE,
    /** More redirects than the request allows, or a redirect without a usable Location. */
    REDIRECT
  }

  private final Kind kind;

  public HttpFetchException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
