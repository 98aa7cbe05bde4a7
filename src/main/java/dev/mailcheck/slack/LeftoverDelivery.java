package dev.mailcheck.slack;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread replies that could not be posted while a run went on are not dropped: once the verdict
 * is up they are posted again as plain text (no blocks for Slack to refuse) at the end of the
 * thread, and if the thread still takes nothing, as a direct message to the requester.
 */
final class LeftoverDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverDelivery.class);

  private final Publisher publisher;
  private final SlackRenderer r;
  private final String user;

  LeftoverDelivery(Publisher publisher, SlackRenderer renderer, String user) {
    this.publisher = publisher;
    this.r = renderer;
    this.user = user;
  }

  void deliver(String channel, String threadTs, List<SlackMessage> unposted) {
    List<SlackMessage> plain = new ArrayList<>();
    plain.add(SlackMessage.text(r.sentence("slack.unposted.header", unposted.size()).text()));
    for (SlackMessage m : unposted) {
      plain.addAll(Publisher.plainText(m));
    }
    int sent = postAll(channel, threadTs, plain, 0);
    if (sent == plain.size()) {
      return;
    }
    try {
      String dm = publisher.call(() -> publisher.api().openDm(user));
      // The header again, so the DM says what these are; then whatever the thread did not take.
      List<SlackMessage> rest = new ArrayList<>();
      rest.add(plain.get(0));
      rest.addAll(plain.subList(Math.max(1, sent), plain.size()));
      if (postAll(dm, null, rest, 0) < rest.size()) {
        LOG.warn("{} message(s) of a run could be posted neither in its thread nor in a DM", rest.size() - 1);
      }
    } catch (SlackCallException e) {
      LOG.warn("{} message(s) of a run could be posted neither in its thread nor in a DM: {}", plain.size() - sent, e.error());
    }
  }

  /** Posts in order from {@code from}; returns how many of {@code messages} were posted before one failed. */
  private int postAll(String channel, String threadTs, List<SlackMessage> messages, int from) {
    int i = from;
    for (; i < messages.size(); i++) {
      SlackMessage m = messages.get(i);
      try {
        publisher.post(() -> publisher.api().postMessage(channel, threadTs, m));
      } catch (SlackCallException e) {
        return i;
      }
    }
    return i;
  }
}
