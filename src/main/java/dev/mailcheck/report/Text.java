package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.mailcheck.playbook.Messages;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of text not yet put into a language: a literal, a message key with its arguments, or
 * several pieces joined. Findings keep their evidence and localised arguments as Text, so a stored
 * report can be shown in either language and two runs compare by value, not by wording.
 *
 * <p>Arguments are strings, numbers or other Text; nothing else, so the value survives JSON.
 */
public sealed interface Text {

  /** The text in the language of {@code m}. */
  String in(Messages m);

  /** The JSON form: a string for a literal, {@code {"key","args"}} or {@code {"join"}} otherwise. */
  @JsonValue
  Object json();

  static Text plain(String s) {
    return new Plain(s);
  }

  static Text of(String key, Object... args) {
    return new Keyed(key, Arrays.asList(args));
  }

  /** Pieces (strings or Text) written one after the other. */
  static Text join(Object... parts) {
    return new Joined(Arrays.stream(parts).map(Text::from).toList());
  }

  /** A string as a literal; a Text as itself. */
  static Text from(Object o) {
    if (o instanceof Text t) {
      return t;
    }
    if (o instanceof String s) {
      return plain(s);
    }
    throw new IllegalArgumentException("not text: " + o);
  }

  /**
   * An argument as kept: strings, whole numbers and Text as they are, anything else as the string
   * it would be written as (so the value survives JSON and compares by what it says).
   */
  static Object argument(Object a) {
    if (a == null || a instanceof String || a instanceof Text || a instanceof Integer || a instanceof Long) {
      return a;
    }
    return String.valueOf(a);
  }

  /** The Text a JSON value written by {@link #json()} stands for. */
  static Text fromJson(com.fasterxml.jackson.databind.JsonNode n) {
    if (n.isTextual()) {
      return plain(n.asText());
    }
    if (n.has("key")) {
      List<Object> args = new java.util.ArrayList<>();
      n.path("args").forEach(a -> args.add(argumentFromJson(a)));
      return new Keyed(n.path("key").asText(), args);
    }
    if (n.has("join")) {
      List<Text> parts = new java.util.ArrayList<>();
      n.path("join").forEach(p -> parts.add(fromJson(p)));
      return new Joined(parts);
    }
    throw new IllegalArgumentException("not a text: " + n);
  }

  /** An argument as JSON has it: a string, a whole number, null, or a Text. */
  static Object argumentFromJson(com.fasterxml.jackson.databind.JsonNode a) {
    if (a.isNull()) {
      return null;
    }
    if (a.isInt()) {
      return a.intValue();
    }
    if (a.isIntegralNumber()) {
      return a.longValue();
    }
    if (a.isObject()) {
      return fromJson(a);
    }
    return a.asText();
  }

  /** A literal, the same in every language (DNS records, names, numbers). */
  record Plain(String text) implements Text {
    @Override
    public String in(Messages m) {
      return text;
    }

    @Override
    public Object json() {
      return text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A message key and its arguments; arguments that are Text are put into the same language. */
  record Keyed(String key, List<Object> args) implements Text {
    public Keyed {
      args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args.stream().map(Text::argument).toList()));
    }

    /** Fails for a key without text: a bug the tests catch, never a key shown to a user. */
    @Override
    public String in(Messages m) {
      return m.require(key, args.toArray());
    }

    @Override
    public Object json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("key", key);
      out.put("args", args);
      return out;
    }

    @Override
    public String toString() {
      return in(Messages.of(dev.mailcheck.playbook.Lang.EN));
    }
  }

  /** Pieces written one after the other. */
  record Joined(List<Text> parts) implements Text {
    public Joined {
      parts = List.copyOf(parts);
    }

    @Override
    public String in(Messages m) {
      StringBuilder out = new StringBuilder();
      parts.forEach(p -> out.append(p.in(m)));
      return out.toString();
    }

    @Override
    public Object json() {
      return Map.of("join", parts);
    }

    @Override
    public String toString() {
      return in(Messages.of(dev.mailcheck.playbook.Lang.EN));
    }
  }
}
