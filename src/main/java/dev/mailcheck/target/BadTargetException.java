package dev.mailcheck.target;

import dev.mailcheck.playbook.Messages;

/** Input that is not something mailcheck can check; the message is one sentence for the user. */
public final class BadTargetException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Sentence sentence;

  public BadTargetException(Sentence sentence) {
    super(sentence.english());
    this.sentence = sentence;
  }

  public BadTargetException(String key, Object... args) {
    this(new Sentence(key, args));
  }

  public Sentence sentence() {
    return sentence;
  }

  /** The sentence in the reader's language. */
  public String text(Messages m) {
    return sentence.text(m);
  }

  /** The same sentence as the unchecked form command lines report as bad input. */
  public InputException unchecked() {
    return new InputException(sentence);
  }
}
