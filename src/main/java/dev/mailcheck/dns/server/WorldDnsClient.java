package dev.mailcheck.dns.server;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsOutcome;
import dev.mailcheck.dns.QueryTrace;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A DNS client answering straight from a {@link DnsWorld}, in-process: no sockets, so a check's
 * test runs in milliseconds and never depends on a port (the model is MiniDNS's {@code DnsWorld}
 * data source). The world's fault rules are honoured as data: {@link Fault#TIMEOUT} is a timeout
 * after the client's attempt timeout, SERVFAIL and REFUSED are those outcomes, a truncated answer is
 * read as if over TCP, and {@link Fault#TRUNCATE_NO_TCP} is the error of a server that refuses TCP.
 * Latency is a delay before the answer. What the wire would do (retries, truncation, TCP) is the
 * job of {@link dev.mailcheck.dns.ResolverDnsClient}, tested against {@link LoopbackDnsServer}.
 */
public final class WorldDnsClient implements DnsClient {
  /** What answers are said to come from, in evidence and in the trace. */
  public static final String RESOLVER = "world";

  private static final Executor ANSWERS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("world-dns-", 0).factory());

  private final DnsWorld world;
  private final QueryTrace trace;
  private final Duration timeout;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /**
   * @param timeout how long a question with a {@link Fault#TIMEOUT} takes to time out
   * @param trace where every question is recorded, as the wire client does
   */
  public WorldDnsClient(DnsWorld world, Duration timeout, QueryTrace trace) {
    this.world = world;
    this.timeout = timeout;
    this.trace = trace;
  }

  /** How many times this client was asked for the name and type. */
  public int count(String name, int type) {
    AtomicInteger n = counts.get(key(name.endsWith(".") ? name : name + ".", type));
    return n == null ? 0 : n.get();
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    counts.computeIfAbsent(key(name.toString(), type), k -> new AtomicInteger()).incrementAndGet();
    Fault fault = world.faultFor(name, type);
    Duration delay = fault == Fault.TIMEOUT ? timeout : world.latencyFor(name);
    DnsAnswer answer = answer(name, type, fault, delay);
    if (delay.isZero()) {
      trace.add(answer, 1);
      return CompletableFuture.completedFuture(answer);
    }
    // The delay's timer only hands over: the answer is completed (and what depends on it runs) on a virtual thread.
    CompletableFuture<DnsAnswer> later = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, ANSWERS).execute(() -> {
      trace.add(answer, 1);
      later.complete(answer);
    });
    return later;
  }

  private DnsAnswer answer(Name name, int type, Fault fault, Duration elapsed) {
    if (fault != null) {
      switch (fault) {
        case TIMEOUT -> {
          return DnsAnswer.failed(name, type, DnsOutcome.TIMEOUT, elapsed, RESOLVER);
        }
        case SERVFAIL -> {
          return DnsAnswer.failed(name, type, DnsOutcome.SERVFAIL, elapsed, RESOLVER);
        }
        case REFUSED -> {
          return DnsAnswer.failed(name, type, DnsOutcome.REFUSED, elapsed, RESOLVER);
        }
        case TRUNCATE_NO_TCP -> {
          return DnsAnswer.failedOverTcp(name, type, DnsOutcome.ERROR, elapsed, RESOLVER);
        }
        case TRUNCATE -> {
          // Read in full, as a client does over TCP after a truncated UDP answer.
        }
      }
    }
    Message response = world.answer(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    return read(name, type, response, elapsed, fault == Fault.TRUNCATE);
  }

  /** The answer read exactly as the resolver client reads a reply from the wire (CNAMEs followed, RFC 1034 §3.6.2). */
  private static DnsAnswer read(Name name, int type, Message response, Duration elapsed, boolean viaTcp) {
    return dev.mailcheck.dns.ResolverDnsClient.toAnswer(name, type, response, elapsed, RESOLVER, viaTcp);
  }

  private static String key(String name, int type) {
    return name.toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(type);
  }
}
