package dev.mailcheck.dkim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tag=value list as RFC 6376 §3.2 defines it, shared by DKIM key records (RFC 6376 §3.6.1) and
 * DMARC records (RFC 7489 §6.3, which uses the same shape):
 *
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC                 ; ALNUMPUNC = ALPHA / DIGIT / "_"
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
 * tval      =  1*VALCHAR                        ; VALCHAR = %x21-3A / %x3C-7E
 * </pre>
 *
 * A tag named twice makes the whole list invalid (§3.2). Values keep their inner white space and
 * lose the white space around them. This class knows the grammar only; what each tag means is the
 * business of {@link DkimKeyRecord} and {@code DmarcRecord}.
 */
public final class TagList {

  /** One tag-spec: its name as written and its value without the surrounding white space. */
  public record Tag(String name, String value) {}

  private final List<Tag> tags;
  private final Map<String, Tag> byName;

  private TagList(List<Tag> tags, Map<String, Tag> byName) {
    this.tags = List.copyOf(tags);
    this.byName = byName;
  }

  /**
   * Parses a tag-list.
   *
   * @param caseInsensitiveNames true for DMARC, whose ABNF literals are case-insensitive (RFC 5234
   *     §2.3), so {@code P=reject} names the same tag as {@code p=reject}; false for DKIM, whose tag
   *     names are case-sensitive (RFC 6376 §3.2)
   */
  public static TagList parse(String text, boolean caseInsensitiveNames) throws TagSyntaxException {
    if (isBlank(text)) {
      throw new TagSyntaxException("tags.empty");
    }
    List<Tag> tags = new ArrayList<>();
    Map<String, Tag> byName = new LinkedHashMap<>();
    List<String> specs = split(text);
    for (int i = 0; i < specs.size(); i++) {
      String spec = specs.get(i);
      boolean last = i == specs.size() - 1;
      if (isBlank(spec)) {
        if (last && i > 0) {
          break; // the optional ";" at the end
        }
        throw new TagSyntaxException("tags.empty-spec", i + 1);
      }
      int eq = spec.indexOf('=');
      if (eq < 0) {
        throw new TagSyntaxException("tags.no-equals", strip(spec));
      }
      String name = strip(spec.substring(0, eq));
      if (!isTagName(name)) {
        throw new TagSyntaxException("tags.bad-name", name);
      }
      String value = strip(spec.substring(eq + 1));
      int bad = badValueChar(value);
      if (bad >= 0) {
        throw new TagSyntaxException("tags.bad-value-char", name, describe(value.codePointAt(bad)));
      }
      String key = caseInsensitiveNames ? name.toLowerCase(Locale.ROOT) : name;
      if (byName.containsKey(key)) {
        throw new TagSyntaxException("tags.duplicate", name);
      }
      Tag tag = new Tag(name, value);
      tags.add(tag);
      byName.put(key, tag);
    }
    if (tags.isEmpty()) {
      throw new TagSyntaxException("tags.empty");
    }
    return new TagList(tags, byName);
  }

  /** The tags in the order written. */
  public List<Tag> tags() {
    return tags;
  }

  /** The tag written first (RFC 6376 §3.6.1 and RFC 7489 §6.3 both want {@code v} there). */
  public Tag first() {
    return tags.get(0);
  }

  /** The value of a tag, or null when the list does not have it (names as the list was parsed: lower case for DMARC). */
  public String get(String name) {
    Tag t = byName.get(name);
    return t == null ? null : t.value();
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** Splits at every ";" (VALCHAR excludes it, so no value can hold one). */
  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ';') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  /** FWS (RFC 5322 §3.2.2, as RFC 6376 §2.8 restricts it): spaces, tabs, and CRLF followed by white space. */
  private static boolean isWsp(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isBlank(String s) {
    return s.chars().allMatch(c -> isWsp((char) c));
  }

  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isWsp(s.charAt(a))) {
      a++;
    }
    while (b > a && isWsp(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  private static boolean isTagName(String name) {
    if (name.isEmpty() || !isAlpha(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The index of the first character that is neither VALCHAR nor white space between tvals, or -1. */
  private static int badValueChar(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean valchar = c >= 0x21 && c <= 0x7E && c != ';';
      if (!valchar && !isWsp(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(int codePoint) {
    return codePoint >= 0x21 && codePoint <= 0x7E ? "'" + (char) codePoint + "'" : String.format("U+%04X", codePoint);
  }
}
