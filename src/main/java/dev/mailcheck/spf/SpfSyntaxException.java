package dev.mailcheck.spf;

/** A record, domain-spec or macro-string that does not follow the ABNF of RFC 7208 §12: a permerror (§4.6). */
public final class SpfSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpfSyntaxException(String message) {
    super(message);
  }
}
