package dev.mailcheck.transport;

import dev.mailcheck.report.Text;
import java.util.List;

/**
 * A record or policy that does not follow its grammar. The reason is a message key with arguments
 * ({@code transport.syntax.*}), so it reads in the report's language.
 */
public final class RecordSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient List<Object> args;

  public RecordSyntaxException(String key, Object... args) {
    super(key + " " + List.of(args));
    this.key = key;
    this.args = List.of(args);
  }

  /** Why, in words: {@code transport.syntax.<reason>} filled with its arguments. */
  public Text reason() {
    return Text.of("transport.syntax." + key, args.toArray());
  }

  /** The reason's key without its prefix, e.g. {@code version}. */
  public String key() {
    return key;
  }
}
