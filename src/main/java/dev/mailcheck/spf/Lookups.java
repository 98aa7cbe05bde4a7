package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The DNS questions of one evaluation, each asked once: the evaluator and the {@link Prefetcher}
 * share the same futures, so a prefetched answer is simply there when evaluation gets to it.
 */
final class Lookups {
  private record Key(Name name, int type) {}

  private final DnsClient dns;
  private final ConcurrentHashMap<Key, CompletableFuture<DnsAnswer>> answers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Name, CompletableFuture<SpfRecords.Selection>> records = new ConcurrentHashMap<>();

  Lookups(DnsClient dns) {
    this.dns = dns;
  }

  CompletableFuture<DnsAnswer> query(Name name, int type) {
    return answers.computeIfAbsent(new Key(name, type), k -> dns.query(k.name(), k.type()));
  }

  /** The SPF record selection of a domain (§4.4, §4.5). */
  CompletableFuture<SpfRecords.Selection> record(Name name) {
    return records.computeIfAbsent(name, n -> query(n, Type.TXT).thenApply(SpfRecords::select));
  }

  /** How many distinct questions were asked. */
  int asked() {
    return answers.size();
  }
}
