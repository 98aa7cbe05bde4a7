package dev.mailcheck.playbook;

import dev.mailcheck.http.HttpFetchException;
import dev.mailcheck.http.HttpFetcher;
import dev.mailcheck.http.HttpGet;
import dev.mailcheck.http.HttpResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Checks that the playbook's links still answer ({@code mailcheck links --verify}): HEAD first, and
 * GET when the server does not do HEAD (405 Method Not Allowed, 501 Not Implemented, RFC 9110
 * §15.5.6, §15.6.2), following up to {@value #MAX_REDIRECTS} redirects, each link within its own
 * timeout and at most {@code parallel} at a time. A link passes when the final answer is 2xx.
 */
public final class LinkCheck {
  /** Portals move pages behind a redirect or two; more than this is a loop or a lost page. */
  static final int MAX_REDIRECTS = 5;

  /**
   * What one link answered.
   *
   * @param status the final HTTP status, or 0 when no answer came
   * @param problem why it failed, in one sentence, or null when it passed
   */
  public record Outcome(Playbook.Entry link, int status, String problem, URI finalUrl) {
    public boolean ok() {
      return problem == null;
    }
  }

  private final HttpFetcher http;
  private final Duration timeout;
  private final int parallel;

  public LinkCheck(HttpFetcher http, Duration timeout, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1");
    }
    this.http = http;
    this.timeout = timeout;
    this.parallel = parallel;
  }

  /** Checks every link; the outcomes come back in the order given. */
  public List<Outcome> verify(List<Playbook.Entry> links) {
    Semaphore slots = new Semaphore(parallel);
    try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("link-check-", 0).factory())) {
      List<Future<Outcome>> running = new ArrayList<>();
      for (Playbook.Entry l : links) {
        running.add(pool.submit(() -> {
          slots.acquire();
          try {
            return verify(l);
          } finally {
            slots.release();
          }
        }));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : running) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking links", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** One link: HEAD, then GET when HEAD is not supported. */
  public Outcome verify(Playbook.Entry link) {
    HttpGet request;
    try {
      request = new HttpGet(URI.create(link.url()), Map.of("User-Agent", "mailcheck-links"), MAX_REDIRECTS, 256 * 1024, timeout);
    } catch (IllegalArgumentException e) {
      return new Outcome(link, 0, e.getMessage(), null);
    }
    try {
      HttpResult r = http.head(request);
      if (r.status() == 405 || r.status() == 501) {
        r = http.fetch(request);
      }
      return new Outcome(link, r.status(), r.status() / 100 == 2 ? null : "HTTP " + r.status(), r.url());
    } catch (HttpFetchException e) {
      if (e.kind() == HttpFetchException.Kind.TOO_LARGE) {
        // The page is there; it is only larger than this check cares to read.
        return new Outcome(link, 200, null, request.url());
      }
      return new Outcome(link, 0, e.getMessage(), null);
    }
  }
}
