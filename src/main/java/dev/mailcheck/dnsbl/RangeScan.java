package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * A whole range against the lists, as a hosting company runs it: each list's test points first
 * (a list that fails them, or refuses, is left out and reported), then every address on every
 * remaining list. At most {@code window} addresses are pending at once, so memory stays bounded
 * whatever the range; the DNS client bounds the questions in flight. Listed addresses are handed
 * to the listener as they are found; unanswered questions are counted, never read as clean.
 */
public final class RangeScan {

  /** What the scan tells its caller while it runs; called from one thread at a time. */
  public interface Listener {
    /** One address listed on one or more lists (each lookup listed on a healthy list). */
    void listed(InetAddress ip, List<Lookup> listings);

    /** How many addresses are done out of the range. */
    default void progress(long done, long total) {}
  }

  /**
   * How a list fared.
   *
   * @param health its test points' verdict; the list was used only when healthy
   * @param listed addresses listed on it
   * @param refused questions it refused during the scan (the first refusal kept in {@code refusal})
   * @param failed questions without an answer: those addresses were not checked on it
   */
  public record ListSummary(BlockList list, Health health, long listed, long refused, ListAnswer.Refused refusal, long failed) {}

  /**
   * The scan's outcome.
   *
   * @param addresses how many addresses the range holds
   * @param checked how many of them were asked about before the scan ended: fewer when it was stopped
   */
  public record Summary(Cidr range, long addresses, long checked, long listedAddresses, List<ListSummary> lists, long elapsedMs) {
    /** Whether every address was checked on every list. */
    public boolean complete() {
      return !cut() && lists.stream().allMatch(l -> l.health().healthy() && l.refused() == 0 && l.failed() == 0);
    }

    /** Whether the scan was stopped (a deadline, a restart) before it reached every address of the range. */
    public boolean cut() {
      return checked < addresses && lists.stream().anyMatch(l -> l.health().healthy());
    }
  }

  private final Dnsbl dnsbl;

  public RangeScan(Dnsbl dnsbl) {
    this.dnsbl = dnsbl;
  }

  /**
   * Scans the range; returns when every address is done.
   *
   * @param window addresses pending at once (each asks every list)
   */
  public Summary run(Cidr range, List<BlockList> lists, DnsClient dns, int window, Listener listener) throws InterruptedException {
    return run(range, lists, dns, window, listener, () -> false);
  }

  /**
   * Scans the range until every address is done or {@code stop} says to stop (checked before each
   * address is asked about): addresses already asked about are waited for, the rest are left out
   * and the summary says how many were checked ({@link Summary#cut()}).
   */
  public Summary run(Cidr range, List<BlockList> lists, DnsClient dns, int window, Listener listener, BooleanSupplier stop)
      throws InterruptedException {
    long t0 = System.nanoTime();
    ListKind kind = range.ipv4() ? ListKind.IPV4 : ListKind.IPV6;
    List<BlockList> usable = lists.stream().filter(l -> l.supports(kind)).toList();
    Map<BlockList, Health> health = new LinkedHashMap<>();
    ListHealth probe = dnsbl.health();
    // Every list's test points at once: a list that does not answer costs its timeout once, not once per list.
    Map<BlockList, CompletableFuture<Health>> probing = new LinkedHashMap<>();
    for (BlockList l : usable) {
      probing.put(l, probe.of(l, kind, dns));
    }
    probing.forEach((l, f) -> health.put(l, f.join()));
    List<BlockList> healthy = usable.stream().filter(l -> health.get(l).healthy()).toList();
    int n = healthy.size();
    AtomicLongArray listed = new AtomicLongArray(n);
    AtomicLongArray refused = new AtomicLongArray(n);
    AtomicLongArray failed = new AtomicLongArray(n);
    ListAnswer.Refused[] firstRefusal = new ListAnswer.Refused[n];
    AtomicLong listedAddresses = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long asked = 0;
    long total = range.size().longValueExact();
    Semaphore pending = new Semaphore(Math.max(1, window));
    Object report = new Object();
    if (n > 0) {
      for (InetAddress ip : range) {
        pending.acquire();
        if (stop.getAsBoolean()) {
          pending.release();
          break;
        }
        asked++;
        List<CompletableFuture<Lookup>> questions = new ArrayList<>(n);
        for (BlockList l : healthy) {
          questions.add(dnsbl.address(l, ip, dns, false));
        }
        CompletableFuture.allOf(questions.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
          try {
            List<Lookup> hits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              Lookup l = questions.get(i).join();
              switch (l.answer()) {
                case ListAnswer.Listed x -> {
                  listed.incrementAndGet(i);
                  hits.add(l);
                }
                case ListAnswer.Refused r -> {
                  if (refused.getAndIncrement(i) == 0) {
                    firstRefusal[i] = r;
                  }
                }
                case ListAnswer.Failed f -> failed.incrementAndGet(i);
                case ListAnswer.Clean c -> {
                  // Not listed: nothing to print.
                }
              }
            }
            long d = done.incrementAndGet();
            synchronized (report) {
              if (!hits.isEmpty()) {
                listedAddresses.incrementAndGet();
                listener.listed(ip, hits);
              }
              listener.progress(d, total);
            }
          } finally {
            pending.release();
          }
        });
      }
      // Every address done: all permits back.
      pending.acquire(Math.max(1, window));
    }
    List<ListSummary> out = new ArrayList<>();
    for (BlockList l : usable) {
      int i = healthy.indexOf(l);
      synchronized (report) {
        out.add(i < 0 ? new ListSummary(l, health.get(l), 0, 0, null, 0)
            : new ListSummary(l, health.get(l), listed.get(i), refused.get(i), firstRefusal[i], failed.get(i)));
      }
    }
    return new Summary(range, total, n > 0 ? asked : 0, listedAddresses.get(), List.copyOf(out), (System.nanoTime() - t0) / 1_000_000);
  }
}
