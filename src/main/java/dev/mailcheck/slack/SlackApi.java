package dev.mailcheck.slack;

/**
 * The part of the Slack Web API the bot uses: the one narrow interface to Slack. Every method
 * either succeeds or throws {@link SlackCallException} with Slack's error code; none retries (the
 * {@link Publisher} decides what to retry).
 */
public interface SlackApi {
  /** Who the bot is (auth.test). */
  record Identity(String userId, String user, String teamId, String team) {}

  Identity authTest() throws SlackCallException;

  /**
   * chat.postMessage; a reply in a thread when {@code threadTs} is not null, carrying {@code mark}
   * in its metadata when that is not null. Returns the message's ts.
   */
  String postMessage(String channel, String threadTs, SlackMessage message, PostMark mark) throws SlackCallException;

  /**
   * The ts of the bot's message carrying {@code mark}, posted at or after {@code since}, or null
   * when Slack has none: conversations.history of the channel (top-level messages) or, with
   * {@code threadTs}, conversations.replies of that thread, with include_all_metadata.
   */
  String findPosted(String channel, String threadTs, PostMark mark, java.time.Instant since) throws SlackCallException;

  /** chat.update of a message the bot posted. */
  void update(String channel, String ts, SlackMessage message) throws SlackCallException;

  /** chat.postEphemeral: visible to one user only. */
  void postEphemeral(String channel, String user, SlackMessage message) throws SlackCallException;

  /** A POST to a slash command's or action's response_url: an ephemeral reply to the requester. */
  void respond(String responseUrl, SlackMessage message) throws SlackCallException;

  /** conversations.open with one user: the ID of the bot's DM channel with that user. */
  String openDm(String user) throws SlackCallException;

  /** users.info with include_locale: the user's locale such as {@code ko-KR}, or null when Slack gives none. */
  String userLocale(String user) throws SlackCallException;

  /** views.publish of the user's App Home. */
  void publishHome(String user, String viewJson) throws SlackCallException;
}
