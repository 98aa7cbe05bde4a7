package dev.mailcheck.spf;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.util.Arrays;

/**
 * Why check_host() ended as it did, as a message key of the SPF bundle ({@code spf.reason.*}) and
 * its arguments, so that it can be shown in either language. Arguments that are reasons themselves
 * (an include's reason inside its parent's) are rendered in the same language.
 */
public final class SpfReason {
  private final String key;
  private final Object[] args;

  public SpfReason(String key, Object... args) {
    this.key = key;
    this.args = args.clone();
  }

  public String key() {
    return key;
  }

  /** The reason in the language of {@code messages}. */
  public String text(Messages messages) {
    Object[] filled = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      filled[i] = a instanceof SpfReason r ? r.text(messages) : a instanceof SpfSyntaxException e ? e.localized(messages) : a;
    }
    return messages.get(key, filled);
  }

  /** The reason as {@link dev.mailcheck.report.Text}, to be put into words when shown. */
  public dev.mailcheck.report.Text toText() {
    Object[] parts = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      parts[i] = a instanceof SpfReason r ? r.toText() : a instanceof SpfSyntaxException e ? e.toText() : a;
    }
    return dev.mailcheck.report.Text.of(key, parts);
  }

  /** The English text. */
  @Override
  public String toString() {
    return text(Messages.of(Lang.EN));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpfReason r && r.key.equals(key) && Arrays.equals(r.args, args);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(args);
  }
}
