package dev.mailcheck.target;

/** Input that is not something mailcheck can check; the message is one sentence for the user. */
public final class BadTargetException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadTargetException(String message) {
    super(message);
  }
}
