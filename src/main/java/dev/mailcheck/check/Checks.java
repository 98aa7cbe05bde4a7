package dev.mailcheck.check;

import java.util.List;

/** The checks a full run performs, in report order. */
public final class Checks {
  private Checks() {}

  public static List<Check> standard() {
    return List.of(new MxCheck(), new SpfCheck(), new PtrCheck());
  }
}
