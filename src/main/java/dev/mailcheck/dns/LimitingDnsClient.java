package dev.mailcheck.dns;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.xbill.DNS.Name;

/**
 * Bounds how many questions are in flight: past the bound, a question waits (without holding a
 * thread) until an earlier one is answered. Several clients may share one {@link Limit}, so that all
 * runs of an engine together stay under it. Questions are sent in the order they were asked.
 */
public final class LimitingDnsClient implements DnsClient {

  /** A number of questions in flight, shared by the clients made with it. */
  public static final class Limit {
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final int max;

    public Limit(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("at least one question must be allowed in flight, not " + max);
      }
      this.max = max;
      this.permits = new Semaphore(max);
    }

    public int max() {
      return max;
    }

    /** Questions in flight now. */
    public int inFlight() {
      return max - permits.availablePermits();
    }

    void submit(Runnable send) {
      waiting.add(send);
      drain();
    }

    void release() {
      permits.release();
      drain();
    }

    private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);

    private void drain() {
      if (draining.get()) {
        // An answer that came back at once, inside the loop below: the loop goes on, no deeper stack.
        return;
      }
      draining.set(true);
      try {
        // Whoever frees or adds work sends what fits; a permit taken with nothing queued is given back.
        while (!waiting.isEmpty() && permits.tryAcquire()) {
          Runnable next = waiting.poll();
          if (next == null) {
            permits.release();
            continue;
          }
          next.run();
        }
      } finally {
        draining.set(false);
      }
    }
  }

  private final DnsClient delegate;
  private final Limit limit;

  public LimitingDnsClient(DnsClient delegate, Limit limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    CompletableFuture<DnsAnswer> result = new CompletableFuture<>();
    limit.submit(() -> {
      CompletableFuture<DnsAnswer> sent;
      try {
        sent = delegate.query(name, type);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      sent.whenComplete((a, e) -> {
        limit.release();
        if (e != null) {
          result.completeExceptionally(e);
        } else {
          result.complete(a);
        }
      });
    });
    return result;
  }
}
