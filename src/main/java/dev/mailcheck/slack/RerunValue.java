package dev.mailcheck.slack;

/**
 * The value of a Re-run button: the normalised command and, when the run was posted somewhere else
 * than it was asked for (a DM because of {@code private} or the fallback), the channel it was asked
 * in, so that a click in the DM is allowed or refused as the original command was. Lines separate
 * the parts; a command never holds a line break.
 */
public record RerunValue(String command, Origin origin) {
  private static final String SEPARATOR = "\n";

  public String encode() {
    if (origin == null) {
      return command;
    }
    return command + SEPARATOR + origin.id() + (origin.name() == null ? "" : SEPARATOR + origin.name());
  }

  public static RerunValue parse(String value) {
    String[] parts = (value == null ? "" : value).split(SEPARATOR, 3);
    if (parts.length < 2 || parts[1].isBlank()) {
      return new RerunValue(parts[0], null);
    }
    return new RerunValue(parts[0], new Origin(parts[1], parts.length > 2 ? parts[2] : null));
  }
}
