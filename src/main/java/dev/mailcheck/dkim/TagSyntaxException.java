package dev.mailcheck.dkim;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Text;
import java.util.Arrays;

/**
 * A DKIM key record or DMARC record that cannot be used at all: its tag-list breaks the grammar of
 * RFC 6376 §3.2, or a tag the record cannot do without is wrong. It carries a message key
 * ({@code tags.*}, {@code dkim.parse.*}, {@code dmarc.parse.*}) and its arguments, so the reason is
 * shown in the run's language; {@link #getMessage()} is the English text.
 */
public final class TagSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  public TagSyntaxException(String key, Object... args) {
    super(key);
    this.key = key;
    this.args = args.clone();
  }

  public String key() {
    return key;
  }

  /** The reason as {@link Text}, put into words when shown. */
  public Text toText() {
    return Text.of(key, args);
  }

  @Override
  public String getMessage() {
    return toText().in(Messages.of(Lang.EN));
  }

  @Override
  public String toString() {
    return "TagSyntaxException[" + key + Arrays.toString(args) + "]";
  }
}
