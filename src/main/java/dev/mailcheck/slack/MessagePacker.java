package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Packs blocks into as many messages as Slack's limits need (50 blocks and about 12k characters
 * of text per message), keeping each unit (the blocks of one finding) in one message whenever it
 * fits in one. Nothing is ever left out: a unit too big for any message is spread over several.
 */
public final class MessagePacker {
  /** A title block repeated at the top of every part, e.g. the area name with "(2/3)". */
  private final BiFunction<Integer, Integer, ObjectNode> title;
  private final int maxBlocks;
  private final int maxText;

  /**
   * @param title makes the header of part {@code i} of {@code n} (1-based), or null for none
   */
  public MessagePacker(BiFunction<Integer, Integer, ObjectNode> title) {
    this(title, Blocks.MAX_BLOCKS, Blocks.MESSAGE_TEXT);
  }

  MessagePacker(BiFunction<Integer, Integer, ObjectNode> title, int maxBlocks, int maxText) {
    this.title = title;
    this.maxBlocks = maxBlocks;
    this.maxText = maxText;
  }

  /** Groups the units' blocks into messages; each inner list is one message's blocks, title first. */
  public List<List<ObjectNode>> pack(List<List<ObjectNode>> units) {
    int reservedBlocks = title == null ? 0 : 1;
    int reservedText = title == null ? 0 : Blocks.HEADER_TEXT;
    int blockRoom = maxBlocks - reservedBlocks;
    int textRoom = maxText - reservedText;
    List<List<ObjectNode>> parts = new ArrayList<>();
    List<ObjectNode> cur = new ArrayList<>();
    int curText = 0;
    for (List<ObjectNode> unit : units) {
      int unitText = unit.stream().mapToInt(Blocks::textSize).sum();
      boolean fitsEmpty = unit.size() <= blockRoom && unitText <= textRoom;
      boolean fitsHere = cur.size() + unit.size() <= blockRoom && curText + unitText <= textRoom;
      if (!fitsHere && fitsEmpty && !cur.isEmpty()) {
        parts.add(cur);
        cur = new ArrayList<>();
        curText = 0;
      }
      for (ObjectNode block : unit) {
        int size = Blocks.textSize(block);
        if (!cur.isEmpty() && (cur.size() + 1 > blockRoom || curText + size > textRoom)) {
          parts.add(cur);
          cur = new ArrayList<>();
          curText = 0;
        }
        cur.add(block);
        curText += size;
      }
    }
    if (!cur.isEmpty() || parts.isEmpty()) {
      parts.add(cur);
    }
    if (title != null) {
      List<List<ObjectNode>> titled = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        List<ObjectNode> p = new ArrayList<>();
        p.add(title.apply(i + 1, parts.size()));
        p.addAll(parts.get(i));
        titled.add(p);
      }
      return titled;
    }
    return parts;
  }
}
