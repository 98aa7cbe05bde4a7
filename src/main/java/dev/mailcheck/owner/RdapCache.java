package dev.mailcheck.owner;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RDAP answers kept in the process, per network (its {@code startAddress}–{@code endAddress}), for
 * a day: the registries' answers change rarely and their servers limit how often one client may
 * ask. An address is answered from the smallest unexpired network that contains it. Bounded: past
 * {@code max} networks the one stored first is dropped.
 *
 * <p>A network the registry subdivides further (a hosting company's allocation inside an ISP's
 * block) is only seen once an address inside it is asked before the wider network is cached, or
 * after the wider one expires; docs/OWNER.md says so.
 */
public final class RdapCache {
  public static final Duration TTL = Duration.ofDays(1);
  public static final int MAX = 4096;

  private record Entry(RdapNetwork network, BigInteger start, BigInteger end, Instant expires) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Clock clock;
  private final Duration ttl;
  private final int max;

  public RdapCache() {
    this(Clock.systemUTC(), TTL, MAX);
  }

  public RdapCache(Clock clock, Duration ttl, int max) {
    this.clock = clock;
    this.ttl = ttl;
    this.max = max;
  }

  /** The smallest cached network that contains the address and has not expired. */
  public synchronized Optional<RdapNetwork> find(InetAddress address) {
    Instant now = clock.instant();
    BigInteger a = new BigInteger(1, address.getAddress());
    int length = address.getAddress().length;
    Entry best = null;
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
      Entry e = it.next();
      if (!e.expires().isAfter(now)) {
        it.remove();
        continue;
      }
      if (e.network().start().getAddress().length == length && a.compareTo(e.start()) >= 0 && a.compareTo(e.end()) <= 0
          && (best == null || e.end().subtract(e.start()).compareTo(best.end().subtract(best.start())) < 0)) {
        best = e;
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.network());
  }

  public synchronized void put(RdapNetwork n) {
    String key = n.range();
    entries.remove(key);
    while (entries.size() >= max) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    entries.put(key, new Entry(n, new BigInteger(1, n.start().getAddress()), new BigInteger(1, n.end().getAddress()),
        clock.instant().plus(ttl)));
  }

  public synchronized int size() {
    return entries.size();
  }
}
