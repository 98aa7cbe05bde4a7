package dev.mailcheck.target;

import dev.mailcheck.playbook.Messages;

/**
 * Bad input found while a command runs: one sentence, rendered in the reader's language by whoever
 * reports it (exit status 2 on the CLI). An {@link IllegalArgumentException}, so that code which
 * reports those as bad input keeps doing so; its message is the English sentence.
 */
public final class InputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Sentence sentence;

  public InputException(Sentence sentence) {
    super(sentence.english());
    this.sentence = sentence;
  }

  public InputException(String key, Object... args) {
    this(new Sentence(key, args));
  }

  public Sentence sentence() {
    return sentence;
  }

  public String text(Messages m) {
    return sentence.text(m);
  }
}
