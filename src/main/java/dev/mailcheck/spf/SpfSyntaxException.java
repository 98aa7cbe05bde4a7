package dev.mailcheck.spf;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.util.Arrays;

/**
 * A record, domain-spec or macro-string that does not follow the ABNF of RFC 7208 §12: a permerror
 * (§4.6). It carries a message key of the SPF bundle ({@code spf.parse.*}) and its arguments, so the
 * reason can be shown in the run's language; {@link #getMessage()} is the English text.
 */
public final class SpfSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  public SpfSyntaxException(String key, Object... args) {
    super(key);
    this.key = key;
    this.args = args.clone();
  }

  public String key() {
    return key;
  }

  /** The reason in the language of {@code messages}. */
  public String localized(Messages messages) {
    return messages.get(key, args);
  }

  /** The reason as {@link dev.mailcheck.report.Text}, to be put into words when shown. */
  public dev.mailcheck.report.Text toText() {
    return dev.mailcheck.report.Text.of(key, args);
  }

  @Override
  public String getMessage() {
    return localized(Messages.of(Lang.EN));
  }

  @Override
  public String toString() {
    return "SpfSyntaxException[" + key + Arrays.toString(args) + "]";
  }
}
