package dev.mailcheck.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts into one Slack thread through the {@link Publisher}, in order, each reply exactly once
 * (marked with the run's ID and its place in the thread), and keeps count of what could not be
 * posted so the final message can say so.
 */
public final class ThreadPoster {
  private final Publisher publisher;
  private final String channel;
  private final String parentTs;
  private final String key;
  private final PostMark mark;
  /** The parts of the thread's replies in order; the parent is part 0. */
  private final AtomicInteger parts = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Queue<SlackMessage> unposted = new ConcurrentLinkedQueue<>();
  private volatile CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  ThreadPoster(Publisher publisher, String channel, String parentTs, String runId) {
    this.publisher = publisher;
    this.channel = channel;
    this.parentTs = parentTs;
    this.key = channel + "/" + parentTs;
    this.mark = PostMark.parent(runId);
  }

  /** The mark of the run's next message in this thread. */
  PostMark nextMark() {
    return mark.part(String.valueOf(parts.incrementAndGet()));
  }

  public String channel() {
    return channel;
  }

  public String parentTs() {
    return parentTs;
  }

  /** Queues replies in the thread, in the given order. */
  public synchronized CompletableFuture<Void> reply(List<SlackMessage> messages) {
    CompletableFuture<?> f = CompletableFuture.completedFuture(null);
    for (SlackMessage m : messages) {
      PostMark part = nextMark();
      f = track(publisher.enqueue(key, () -> publisher.postWithFallback(channel, parentTs, m, part)), m);
    }
    last = f;
    return f.handle((v, e) -> null);
  }

  /**
   * Queues an update of the parent message, after every reply queued before it. Completes with
   * whether Slack took the update, so a caller can put the message somewhere else when it did not.
   */
  public synchronized CompletableFuture<Boolean> updateParent(SlackMessage message) {
    PostMark part = nextMark();
    CompletableFuture<?> f = track(publisher.enqueue(key, () -> {
      publisher.updateWithFallback(channel, parentTs, message, part);
      return null;
    }), null);
    last = f;
    return f.handle((v, e) -> e == null);
  }

  private <T> CompletableFuture<T> track(CompletableFuture<T> f, SlackMessage reply) {
    return f.whenComplete((v, e) -> {
      if (e != null) {
        failed.incrementAndGet();
        if (reply != null) {
          unposted.add(reply);
        }
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        lastError.set(c instanceof SlackCallException s ? s.error() : c.getClass().getSimpleName());
      }
    });
  }

  /** Waits until everything queued so far has been posted (or has failed for good). */
  public void awaitPosted() {
    last.handle((v, e) -> null).join();
  }

  /** How many posts failed for good. */
  public int failures() {
    return failed.get();
  }

  /** The replies that failed for good, in the order they failed, handed over once. */
  public List<SlackMessage> takeUnposted() {
    List<SlackMessage> out = new ArrayList<>();
    for (SlackMessage m; (m = unposted.poll()) != null; ) {
      out.add(m);
    }
    return out;
  }

  public String lastError() {
    return lastError.get();
  }
}
