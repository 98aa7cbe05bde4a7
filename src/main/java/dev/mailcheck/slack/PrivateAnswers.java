package dev.mailcheck.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ephemeral answers to one user. Slack honours a response_url for 30 minutes and five uses; when
 * it refuses one (or there is none), the answer goes by chat.postEphemeral to the same user in the
 * same channel instead.
 */
public final class PrivateAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateAnswers.class);

  private final Publisher publisher;

  public PrivateAnswers(Publisher publisher) {
    this.publisher = publisher;
  }

  public void answer(String responseUrl, String channel, String user, SlackMessage message) {
    try {
      if (responseUrl == null || responseUrl.isBlank()) {
        throw new SlackCallException("response_url", "no response_url", null, false);
      }
      publisher.call(() -> {
        publisher.api().respond(responseUrl, message);
        return null;
      });
    } catch (SlackCallException e) {
      if (channel == null || user == null) {
        LOG.warn("could not answer through the response URL: {}", e.error());
        return;
      }
      try {
        publisher.call(() -> {
          publisher.api().postEphemeral(channel, user, message);
          return null;
        });
      } catch (SlackCallException again) {
        LOG.warn("could not answer the user ephemerally: {} / {}", e.error(), again.error());
      }
    }
  }
}
