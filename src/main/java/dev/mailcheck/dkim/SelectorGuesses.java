package dev.mailcheck.dkim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The DKIM selectors tried when the user names none: provider defaults and common names, read from
 * {@code dev/mailcheck/dkim/selectors.json} (each with its source). Guessing finds a key only when
 * the signer chose one of these names, so finding none proves nothing.
 */
public final class SelectorGuesses {
  private static final List<String> BUNDLED = load();

  private SelectorGuesses() {}

  /** The bundled selectors, in file order, each once. */
  public static List<String> bundled() {
    return BUNDLED;
  }

  private static List<String> load() {
    try (InputStream in = SelectorGuesses.class.getResourceAsStream("/dev/mailcheck/dkim/selectors.json")) {
      if (in == null) {
        throw new IllegalStateException("dev/mailcheck/dkim/selectors.json is missing from the build");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<String> out = new ArrayList<>();
      for (JsonNode n : root.path("selectors")) {
        String s = n.path("selector").asText();
        if (!out.contains(s)) {
          out.add(s);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
