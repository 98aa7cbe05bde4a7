package dev.mailcheck.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code v=…; name=value; …} syntax shared by the MTA-STS record (RFC 8461 §3.1), the TLS-RPT
 * record (RFC 8460 §3) and, more loosely, the BIMI record: a version field that must come first,
 * fields separated by {@code *WSP ";" *WSP}, and an optional separator at the end.
 */
final class TagList {
  /** {@code ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")}. */
  static final Pattern EXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  /** {@code ext-value = 1*(%x21-3A / %x3C / %x3E-7E)}: visible characters but ";" and "=". */
  static final Pattern EXT_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");

  /** One {@code name=value} field, the version field included, in record order. */
  record Field(String name, String value) {}

  private TagList() {}

  /**
   * Splits a record into its fields; the first must be exactly {@code version} (e.g. {@code v=STSv1}).
   *
   * @param lenient allow white space around "=" (the BIMI record is DKIM-like, RFC 6376 §3.2)
   */
  static List<Field> parse(String text, String version, boolean lenient) throws RecordSyntaxException {
    String[] parts = text.split("[ \\t]*;[ \\t]*", -1);
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String field = lenient ? parts[i].strip() : parts[i];
      if (field.isEmpty() && i == parts.length - 1 && i > 0) {
        break; // the optional separator at the end
      }
      int eq = field.indexOf('=');
      String name = eq < 0 ? field : field.substring(0, eq);
      String value = eq < 0 ? "" : field.substring(eq + 1);
      if (lenient) {
        name = name.stripTrailing();
        value = value.stripLeading();
      }
      if (i == 0) {
        if (eq < 0 || !(name + "=" + value).equals(version)) {
          throw new RecordSyntaxException("version", version);
        }
      } else if (field.isEmpty()) {
        throw new RecordSyntaxException("empty-field");
      } else if (eq < 0) {
        throw new RecordSyntaxException("no-equals", field);
      } else if (!EXT_NAME.matcher(name).matches()) {
        throw new RecordSyntaxException("field-name", name);
      }
      for (Field f : out) {
        if (f.name().equals(name)) {
          throw new RecordSyntaxException("duplicate", name);
        }
      }
      out.add(new Field(name, value));
    }
    return out;
  }

  /** The value of the named field, or null. */
  static String value(List<Field> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst().orElse(null);
  }

  /** Whether a TXT string starts as a record of this version (RFC 8461 §3.1: others are discarded). */
  static boolean startsWith(String text, String version) {
    if (!text.startsWith(version)) {
      return false;
    }
    String rest = text.substring(version.length());
    return rest.isEmpty() || rest.charAt(0) == ';' || rest.charAt(0) == ' ' || rest.charAt(0) == '\t';
  }
}
