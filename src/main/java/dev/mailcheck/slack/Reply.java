package dev.mailcheck.slack;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bot answers the one person who asked (help, a refusal, a note about where the results
 * go): privately through the command's response_url, or, for a direct message to the bot, in that
 * conversation.
 */
@FunctionalInterface
public interface Reply {
  void send(SlackMessage message);

  /** An ephemeral answer through the response_url, else by chat.postEphemeral to the user in the channel. */
  static Reply ephemeral(PrivateAnswers answers, String responseUrl, String channel, String user) {
    return m -> answers.answer(responseUrl, channel, user, m);
  }

  /** A message in the conversation (the user's DM with the bot), posted once. */
  static Reply inConversation(Publisher publisher, String channel) {
    Logger log = LoggerFactory.getLogger(Reply.class);
    return m -> {
      try {
        publisher.postOnce(channel, null, m, PostMark.parent(UUID.randomUUID().toString()));
      } catch (SlackCallException e) {
        log.warn("could not answer in a direct message: {}", e.error());
      }
    };
  }
}
