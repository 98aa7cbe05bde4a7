package dev.mailcheck.target;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.util.Arrays;

/**
 * One sentence for the user, kept as a message key and its arguments so that every front end (the
 * CLI with {@code --lang}, a Slack user's locale) renders it in the reader's language. The text
 * {@code {accepted}} stands for the list of accepted inputs ({@code input.accepted}).
 */
public record Sentence(String key, Object... args) {

  public Sentence {
    args = args.clone();
  }

  /** The sentence in {@code m}'s language; an argument that is itself a sentence is rendered first. */
  public String text(Messages m) {
    Object[] filled = Arrays.stream(args).map(a -> a instanceof Sentence s ? s.text(m) : a).toArray();
    String text = m.get(key, filled);
    return text.contains("{accepted}") ? text.replace("{accepted}", m.get("input.accepted")) : text;
  }

  /** The English sentence, as exception messages and logs carry it. */
  public String english() {
    return text(Messages.of(Lang.EN));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sentence s && s.key.equals(key) && Arrays.equals(s.args, args);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(args);
  }

  @Override
  public String toString() {
    return key + Arrays.toString(args);
  }
}
