package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.smtp.SmtpEndpoint;
import dev.mailcheck.smtp.SmtpSession;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * The SMTP conversations of one run, held once for the checks that read them (the SMTP check, and
 * the HELO check comparing the banner): one per mail host of a domain (its first IPv4 address,
 * else its first IPv6 one: what most senders try first), or with the IP of an IP target. At most
 * {@value #PARALLEL} at a time per run; each ends before the run's deadline.
 */
public final class SmtpProbes {
  /** Conversations of one run open at once. */
  static final int PARALLEL = 4;

  /** Left of the run's time for making findings out of the conversations. */
  private static final Duration MARGIN = Duration.ofMillis(300);

  private static final ExecutorService THREADS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory());

  /** The run's conversations; computed by whichever check asks first. */
  public static final SharedKey<List<Probed>> KEY = SharedKey.of("smtpSessions", SmtpProbes::probeAll);

  private SmtpProbes() {}

  /**
   * One conversation and whom it was with.
   *
   * @param host the MX host (or implicit-MX domain) name without the final dot; for an IP target, its address
   * @param mx whether {@code host} is a host name (false for an IP target)
   * @param ptr the PTR answer of the address (shared with the PTR check through the run's cache)
   */
  public record Probed(String host, boolean mx, InetAddress address, DnsAnswer ptr, SmtpSession session) {

    /** The PTR names of the address. */
    public List<String> ptrNames() {
      return ptr == null ? List.of() : ptr.records(PTRRecord.class).stream().map(r -> DnsNames.display(r.getTarget())).toList();
    }
  }

  private static CompletableFuture<List<Probed>> probeAll(CheckContext ctx) {
    if (!ctx.maySpeakSmtp()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Semaphore slots = new Semaphore(PARALLEL);
    if (ctx.target().isIp()) {
      InetAddress ip = ctx.target().ip();
      return ptr(ctx, ip).thenCompose(ptr -> {
        List<String> names = ptr.records(PTRRecord.class).stream().map(r -> DnsNames.display(r.getTarget())).toList();
        // The certificate of a bare IP can only be held to the name its PTR gives.
        String tlsName = names.isEmpty() ? null : names.get(0);
        return probe(ctx, slots, dev.mailcheck.dns.Addresses.text(ip), false, ip, tlsName, ptr).thenApply(List::of);
      });
    }
    return ctx.mailHosts().thenCompose(hosts -> {
      if (hosts.kind() != MailHosts.Kind.MX && hosts.kind() != MailHosts.Kind.IMPLICIT) {
        return CompletableFuture.completedFuture(List.<Probed>of());
      }
      List<CompletableFuture<Probed>> each = new ArrayList<>();
      for (MailHosts.MailHost h : hosts.hosts()) {
        InetAddress first = first(h.addresses());
        if (h.ipLiteral() || first == null) {
          continue; // the MX check reports these; there is nothing to connect to by name
        }
        String name = DnsNames.display(h.name());
        each.add(ptr(ctx, first).thenCompose(ptr -> probe(ctx, slots, name, true, first, name, ptr)));
      }
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    });
  }

  private static CompletableFuture<DnsAnswer> ptr(CheckContext ctx, InetAddress ip) {
    return ctx.dns().query(DnsNames.reverse(ip), Type.PTR);
  }

  private static CompletableFuture<Probed> probe(CheckContext ctx, Semaphore slots, String host, boolean mx, InetAddress address,
      String tlsName, DnsAnswer ptr) {
    return CompletableFuture.supplyAsync(() -> {
      Duration budget = ctx.remaining().minus(MARGIN);
      SmtpEndpoint endpoint = new SmtpEndpoint(address, tlsName);
      try {
        if (budget.isNegative() || !slots.tryAcquire(budget.toNanos(), TimeUnit.NANOSECONDS)) {
          return new Probed(host, mx, address, ptr, ctx.smtp().probe(endpoint, Duration.ZERO));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Probed(host, mx, address, ptr, ctx.smtp().probe(endpoint, Duration.ZERO));
      }
      try {
        return new Probed(host, mx, address, ptr, ctx.smtp().probe(endpoint, ctx.remaining().minus(MARGIN)));
      } finally {
        slots.release();
      }
    }, THREADS);
  }

  private static InetAddress first(List<InetAddress> addresses) {
    return addresses.stream().filter(a -> a instanceof Inet4Address).findFirst()
        .orElse(addresses.isEmpty() ? null : addresses.get(0));
  }

  /** Whether {@code name} is one of {@code names}, ignoring case and a final dot. */
  static boolean sameName(String a, String b) {
    return a != null && b != null && strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String n) {
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
