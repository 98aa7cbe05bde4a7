package dev.mailcheck.dns;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * Remembers every question of one run, so that checks that need the same data (the MX check and
 * the SPF {@code mx} mechanism, say) ask once and share the answer, even while it is in flight.
 */
public final class CachingDnsClient implements DnsClient {
  private record Key(Name name, int type) {}

  private final DnsClient delegate;
  private final ConcurrentHashMap<Key, CompletableFuture<DnsAnswer>> answers = new ConcurrentHashMap<>();

  public CachingDnsClient(DnsClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    return answers.computeIfAbsent(new Key(name, type), k -> delegate.query(k.name(), k.type()));
  }
}
