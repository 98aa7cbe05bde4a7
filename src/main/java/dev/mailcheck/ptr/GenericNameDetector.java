package dev.mailcheck.ptr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells whether a PTR name looks like one an access provider gives to end-user or dynamic space
 * ({@code 203-0-113-5.dynamic.isp.net}): receivers such as Gmail and Daum treat such names like a
 * missing PTR. The keywords are data ({@code ptr/generic.json}); the address-in-name rule is code
 * because it depends on the address.
 */
public final class GenericNameDetector {
  private static final String RESOURCE = "/dev/mailcheck/ptr/generic.json";
  private static volatile GenericNameDetector bundled;

  /** The reason given when the name spells out the address. */
  public static final String ADDRESS = "address";

  private final List<String> keywords;

  public GenericNameDetector(List<String> keywords) {
    this.keywords = List.copyOf(keywords);
  }

  public static GenericNameDetector bundled() {
    GenericNameDetector d = bundled;
    if (d == null) {
      try (InputStream in = GenericNameDetector.class.getResourceAsStream(RESOURCE)) {
        JsonNode root = new ObjectMapper().readTree(in);
        List<String> words = new ArrayList<>();
        root.path("keywords").forEach(k -> words.add(k.path("word").asText()));
        d = new GenericNameDetector(words);
        bundled = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return d;
  }

  /**
   * Why the name looks generic: {@link #ADDRESS}, or the keyword found; null when it does not.
   *
   * @param name the PTR name, without trailing dot
   * @param address the address it is the PTR of
   */
  public String reason(String name, InetAddress address) {
    String n = name.toLowerCase(Locale.ROOT);
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int[] o = {b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff};
      // Separators are required: "mail1234" must not read as 1.2.3.4.
      String sep = "[-._x]";
      Pattern forward = Pattern.compile("(^|\\D)0*" + o[0] + sep + "0*" + o[1] + sep + "0*" + o[2] + sep + "0*" + o[3] + "(\\D|$)");
      Pattern backward = Pattern.compile("(^|\\D)0*" + o[3] + sep + "0*" + o[2] + sep + "0*" + o[1] + sep + "0*" + o[0] + "(\\D|$)");
      String hex = String.format("%02x%02x%02x%02x", o[0], o[1], o[2], o[3]);
      if (forward.matcher(n).find() || backward.matcher(n).find() || n.contains(hex)) {
        return ADDRESS;
      }
    }
    // Look only at the labels left of the registered domain part: the host's own labels. A keyword
    // counts only in a name that also numbers its hosts (dsl-5566, pool12): "dynamic.example.com"
    // alone is a plain name.
    String[] labels = n.split("\\.");
    int own = Math.max(1, labels.length - 2);
    boolean numbered = false;
    for (int i = 0; i < own; i++) {
      numbered |= labels[i].chars().anyMatch(Character::isDigit);
    }
    if (!numbered) {
      return null;
    }
    for (int i = 0; i < own; i++) {
      for (String token : labels[i].split("[-_0-9]+")) {
        if (!token.isEmpty() && keywords.contains(token)) {
          return token;
        }
      }
    }
    return null;
  }
}
