package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Probes each list's RFC 5782 §5 test points before its answers are trusted: the "listed" point
 * (127.0.0.2, ::FFFF:7F00:2, TEST or the list's own) must be listed and the "clean" one (127.0.0.1,
 * ::FFFF:7F00:1, INVALID) must not. A list that answers "listed" for everything, or has stopped
 * answering, fails. The verdict is kept for {@link #TTL} (a bot runs for weeks; a list can die);
 * a probe that could not be answered is asked again next time.
 */
public final class ListHealth {
  /** How long a verdict is kept. */
  public static final Duration TTL = Duration.ofHours(1);

  private record Key(Name zone, ListKind kind) {}

  private record Cached(CompletableFuture<Health> health, long at) {}

  private final ConcurrentHashMap<Key, Cached> cache = new ConcurrentHashMap<>();

  /** The list's health for questions of this kind, probed at most once per {@link #TTL}. */
  public CompletableFuture<Health> of(BlockList list, ListKind kind, DnsClient dns) {
    Key key = new Key(list.zone(), kind);
    long now = System.nanoTime();
    Cached c = cache.compute(key, (k, old) ->
        old != null && now - old.at() < TTL.toNanos() ? old : new Cached(probe(list, kind, dns), now));
    CompletableFuture<Health> f = c.health();
    f.thenAccept(h -> {
      if (h instanceof Health.Failed) {
        cache.remove(key, c);
      }
    });
    return f;
  }

  private static CompletableFuture<Health> probe(BlockList list, ListKind kind, DnsClient dns) {
    BlockList.TestPoints points = list.tests().get(kind);
    CompletableFuture<DnsAnswer> listed = dns.query(name(list, kind, points.listed()), Type.A);
    CompletableFuture<DnsAnswer> clean = dns.query(name(list, kind, points.clean()), Type.A);
    return listed.thenCombine(clean, (l, c) -> verdict(list, points, ListAnswer.of(list, l), ListAnswer.of(list, c)));
  }

  private static Health verdict(BlockList list, BlockList.TestPoints points, ListAnswer listed, ListAnswer clean) {
    if (listed instanceof ListAnswer.Failed f) {
      return new Health.Failed(f.answer());
    }
    if (clean instanceof ListAnswer.Failed f) {
      return new Health.Failed(f.answer());
    }
    if (listed instanceof ListAnswer.Refused r && !r.reason().equals("loopback-one")) {
      return new Health.Refused(r);
    }
    if (clean instanceof ListAnswer.Refused r && !r.reason().equals("loopback-one")) {
      return new Health.Refused(r);
    }
    if (!(clean instanceof ListAnswer.Clean)) {
      // The point that must never be listed is: the list (or something in between) answers "listed" for anything.
      return new Health.Unhealthy("clean-listed", points.clean());
    }
    if (!(listed instanceof ListAnswer.Listed)) {
      return new Health.Unhealthy("test-not-listed", points.listed());
    }
    return new Health.Healthy();
  }

  static Name name(BlockList list, ListKind kind, String point) {
    return switch (kind) {
      case IPV4 -> list.queryName(bytes(point, Address.IPv4));
      case IPV6 -> list.queryName(bytes(point, Address.IPv6));
      case DOMAIN -> list.queryName(DnsNames.absolute(point)).orElseThrow();
    };
  }

  private static byte[] bytes(String point, int family) {
    byte[] b = Address.toByteArray(point, family);
    if (b == null) {
      throw new IllegalStateException("dnsbl/lists.json: test point " + point + " is not an address");
    }
    return b;
  }
}
