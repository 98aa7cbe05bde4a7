package dev.mailcheck.bounce;

/** The input cannot be read as a bounce at all (empty, unreadable); the message key says why. */
public final class BadBounceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final transient Object[] args;

  public BadBounceException(String key, Object... args) {
    super(key);
    this.key = key;
    this.args = args.clone();
  }

  /** The message key in the bounce bundle. */
  public String key() {
    return key;
  }

  public Object[] args() {
    return args.clone();
  }
}
