package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit blocks as JSON, cut to Slack's limits so that Slack never refuses a block we built:
 * section text 3,000 characters, header 150, button text 75, button value 2,000, context 10
 * elements. Long texts become several sections, split at line ends.
 */
public final class Blocks {
  static final ObjectMapper JSON = new ObjectMapper();

  public static final int MAX_BLOCKS = 50;
  public static final int SECTION_TEXT = 3000;
  public static final int HEADER_TEXT = 150;
  public static final int BUTTON_TEXT = 75;
  public static final int BUTTON_VALUE = 2000;
  public static final int CONTEXT_ELEMENTS = 10;
  /** Slack refuses a message whose blocks hold more than about 12k characters; keep a margin. */
  public static final int MESSAGE_TEXT = 11_000;
  /** Longest plain {@code text} we send without blocks (Slack truncates around 40k, renders 4k well). */
  public static final int PLAIN_TEXT = 3_900;

  private static final String CODE = "```";

  private Blocks() {}

  public static ObjectNode header(String text) {
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "header");
    b.set("text", plain(truncate(text, HEADER_TEXT)));
    return b;
  }

  /** One section; the text must already fit (see {@link #sections}). */
  public static ObjectNode section(String mrkdwn) {
    if (mrkdwn.length() > SECTION_TEXT) {
      throw new IllegalArgumentException("section text over " + SECTION_TEXT + " characters");
    }
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "section");
    b.set("text", mrkdwn(mrkdwn));
    return b;
  }

  /** As many sections as the text needs, split at line ends (a line longer than a section is cut). */
  public static List<ObjectNode> sections(String mrkdwn) {
    return chunks(mrkdwn, SECTION_TEXT).stream().map(Blocks::section).toList();
  }

  /** Lines shown as preformatted text, in as many sections as they need, each a closed code block. */
  public static List<ObjectNode> code(List<String> lines) {
    String joined = String.join("\n", lines.stream().map(l -> l.replace(CODE, "'''")).toList());
    int budget = SECTION_TEXT - 2 * CODE.length() - 2;
    return chunks(joined, budget).stream().map(c -> section(CODE + "\n" + c + "\n" + CODE)).toList();
  }

  public static ObjectNode context(List<String> mrkdwnElements) {
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "context");
    ArrayNode els = b.putArray("elements");
    mrkdwnElements.stream().limit(CONTEXT_ELEMENTS).forEach(t -> els.add(mrkdwn(truncate(t, 2000))));
    return b;
  }

  public static ObjectNode divider() {
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "divider");
    return b;
  }

  public static ObjectNode actions(String blockId, List<ObjectNode> buttons) {
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "actions");
    b.put("block_id", blockId);
    ArrayNode els = b.putArray("elements");
    buttons.stream().limit(25).forEach(els::add);
    return b;
  }

  /** A button; the value must fit Slack's 2,000 characters (callers keep it short). */
  public static ObjectNode button(String text, String actionId, String value, boolean primary) {
    if (value.length() > BUTTON_VALUE) {
      throw new IllegalArgumentException("button value over " + BUTTON_VALUE + " characters");
    }
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "button");
    b.set("text", plain(truncate(text, BUTTON_TEXT)));
    b.put("action_id", actionId);
    b.put("value", value);
    if (primary) {
      b.put("style", "primary");
    }
    return b;
  }

  static ObjectNode plain(String text) {
    ObjectNode t = JSON.createObjectNode();
    t.put("type", "plain_text");
    t.put("text", text);
    t.put("emoji", true);
    return t;
  }

  static ObjectNode mrkdwn(String text) {
    ObjectNode t = JSON.createObjectNode();
    t.put("type", "mrkdwn");
    t.put("text", text);
    return t;
  }

  /** Escapes the three characters Slack's mrkdwn treats as control characters. */
  public static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A link in mrkdwn; the title is escaped, and {@code |} and {@code >} cannot end the URL early. */
  public static String link(String url, String title) {
    return "<" + url.replace(">", "%3E").replace("|", "%7C") + "|" + escape(title).replace("|", "¦") + ">";
  }

  public static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "…";
  }

  /** Splits text into pieces of at most {@code max} characters, preferring line ends. */
  static List<String> chunks(String text, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      while (line.length() > max) {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        out.add(line.substring(0, max));
        line = line.substring(max);
      }
      int need = cur.isEmpty() ? line.length() : cur.length() + 1 + line.length();
      if (need > max) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      if (!cur.isEmpty()) {
        cur.append('\n');
      }
      cur.append(line);
    }
    if (!cur.isEmpty() || out.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  /** The characters of text a block carries, as Slack counts them against the message limit. */
  static int textSize(JsonNode node) {
    if (node.isTextual()) {
      return 0;
    }
    int n = 0;
    if (node.isObject()) {
      JsonNode t = node.get("text");
      if (t != null && t.isTextual()) {
        n += t.asText().length();
      }
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getKey().equals("text") || !e.getValue().isTextual()) {
          n += textSize(e.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode c : node) {
        n += textSize(c);
      }
    }
    return n;
  }

  /** The blocks as the JSON array string the Web API takes. */
  static String toJson(List<ObjectNode> blocks) {
    ArrayNode a = JSON.createArrayNode();
    blocks.forEach(a::add);
    return a.toString();
  }

  /** Every text a message's blocks carry, in order: what a text-only fallback must still say. */
  public static List<String> texts(String blocksJson) {
    List<String> out = new ArrayList<>();
    try {
      collect(JSON.readTree(blocksJson), out);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not block JSON", e);
    }
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode t = node.get("text");
      if (t != null && t.isTextual() && !"button".equals(node.path("type").asText()) && !node.has("action_id")) {
        out.add(t.asText());
      }
      node.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("text") || !e.getValue().isTextual()) {
          collect(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(c -> collect(c, out));
    }
  }
}
