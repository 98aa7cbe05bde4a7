package dev.mailcheck.dns;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * Remembers every question of one run, so that checks that need the same data (the MX check and
 * the SPF {@code mx} mechanism, say) ask once and share the answer, even while it is in flight.
 *
 * <p>{@link #acrossRuns} makes a cache shared by many runs (a {@code spf --batch}): it keeps
 * answers (NOERROR, NXDOMAIN, NODATA) but forgets a failure once it is known, so one timeout does
 * not decide every later run, and starts afresh past {@value #MAX_ENTRIES} questions.
 */
public final class CachingDnsClient implements DnsClient {
  /** Questions a cache shared across runs holds before it starts afresh: a bound on memory. */
  static final int MAX_ENTRIES = 50_000;

  private record Key(Name name, int type) {}

  private final DnsClient delegate;
  private final boolean acrossRuns;
  private final ConcurrentHashMap<Key, CompletableFuture<DnsAnswer>> answers = new ConcurrentHashMap<>();

  public CachingDnsClient(DnsClient delegate) {
    this(delegate, false);
  }

  private CachingDnsClient(DnsClient delegate, boolean acrossRuns) {
    this.delegate = delegate;
    this.acrossRuns = acrossRuns;
  }

  /** A cache for many runs: answers kept, failures asked again by the next run. */
  public static CachingDnsClient acrossRuns(DnsClient delegate) {
    return new CachingDnsClient(delegate, true);
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    if (!acrossRuns) {
      return answers.computeIfAbsent(new Key(name, type), k -> delegate.query(k.name(), k.type()));
    }
    if (answers.size() > MAX_ENTRIES) {
      answers.clear();
    }
    Key key = new Key(name, type);
    CompletableFuture<DnsAnswer> f = answers.computeIfAbsent(key, k -> delegate.query(k.name(), k.type()));
    // Questions still in flight are shared; a failure is dropped once known.
    f.thenAccept(a -> {
      if (!a.outcome().answered()) {
        answers.remove(key, f);
      }
    });
    return f;
  }
}
