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

  void deliver(ThreadPoster thread, List<SlackMessage> unposted) {
    List<SlackMessage> plain = new ArrayList<>();
    plain.add(SlackMessage.text(r.sentence("slack.unposted.header", unposted.size()).text()));
    for (SlackMessage m : unposted) {
      plain.addAll(Publisher.plainText(m));
    }
    List<PostMark> marks = new ArrayList<>();
    plain.forEach(m -> marks.add(thread.nextMark()));
    int sent = postAll(thread.channel(), thread.parentTs(), plain, marks);
    if (sent == plain.size()) {
      return;
    }
    try {
      String dm = publisher.call(() -> publisher.api().openDm(user));
      // The header again, so the DM says what these are; then whatever the thread did not take.
      List<SlackMessage> rest = new ArrayList<>();
      List<PostMark> restMarks = new ArrayList<>();
      rest.add(plain.get(0));
      rest.addAll(plain.subList(Math.max(1, sent), plain.size()));
      rest.forEach(m -> restMarks.add(marks.get(0).part("late-dm-" + (restMarks.size() + 1))));
      if (postAll(dm, null, rest, restMarks) < rest.size()) {
        LOG.warn("{} message(s) of a run could be posted neither in its thread nor in a DM", rest.size() - 1);
      }
    } catch (SlackCallException e) {
      LOG.warn("{} message(s) of a run could be posted neither in its thread nor in a DM: {}", plain.size() - sent, e.error());
    }
  }

  /** Posts in order, each once; returns how many of {@code messages} were posted before one failed. */
  private int postAll(String channel, String threadTs, List<SlackMessage> messages, List<PostMark> marks) {
    int i = 0;
    for (; i < messages.size(); i++) {
      try {
        publisher.postOnce(channel, threadTs, messages.get(i), marks.get(i));
      } catch (SlackCallException e) {
        return i;
      }
    }
    return i;
  }
}
