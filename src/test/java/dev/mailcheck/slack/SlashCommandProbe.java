package dev.mailcheck.slack;

import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.TargetParser;

/** Lets tests outside the package read what a slash command text is refused with. */
public final class SlashCommandProbe {
  private SlashCommandProbe() {}

  /** The sentence {@code /mailcheck TEXT} is refused with; fails when the text is accepted or asks for help. */
  public static String invalid(String text, boolean allowPrivate, Messages m) {
    SlashCommand c = SlashCommand.parse(text, new TargetParser(allowPrivate), m);
    if (c instanceof SlashCommand.Invalid i) {
      return i.sentence();
    }
    throw new AssertionError("/mailcheck " + text + " was not refused: " + c);
  }
}
