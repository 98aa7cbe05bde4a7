package dev.mailcheck.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the bot writes into a message's metadata ({@code metadata.event_type} and
 * {@code event_payload}) so it can recognise its own post later: the run's ID and which of the
 * run's messages this is ({@code "0"} for the first message, then the thread's replies in order).
 * After a failure that leaves open whether Slack took a post, the bot looks for this mark in the
 * conversation before posting again.
 */
public record PostMark(String runId, String part) {
  /** The {@code event_type} of every mark: Slack's convention is a lower-case noun phrase. */
  public static final String EVENT_TYPE = "mailcheck_post";
  private static final ObjectMapper JSON = new ObjectMapper();

  public PostMark {
    if (runId == null || runId.isBlank() || part == null || part.isBlank()) {
      throw new IllegalArgumentException("a post mark needs a run ID and a part");
    }
  }

  /** The mark of a run's first message. */
  public static PostMark parent(String runId) {
    return new PostMark(runId, "0");
  }

  /** Another message of the same run. */
  public PostMark part(String p) {
    return new PostMark(runId, p);
  }

  /** The {@code metadata} argument of chat.postMessage. */
  public String json() {
    ObjectNode m = JSON.createObjectNode();
    m.put("event_type", EVENT_TYPE);
    m.putObject("event_payload").put("run_id", runId).put("part", part);
    return m.toString();
  }

  /** Whether a message's {@code metadata} (as conversations.history returns it) carries this mark. */
  public boolean matches(JsonNode metadata) {
    JsonNode payload = metadata.path("event_payload");
    return EVENT_TYPE.equals(metadata.path("event_type").asText()) && runId.equals(payload.path("run_id").asText())
        && part.equals(payload.path("part").asText());
  }
}
