package dev.mailcheck.check;

import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.LimitingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import java.time.Duration;

/**
 * Where the engine gets the DNS client of each run. The engine wraps what it gets in the run's
 * cache; the client records every question it sends in the run's trace. Tests hand the engine an
 * in-process client answering from a {@link dev.mailcheck.dns.server.DnsWorld}
 * ({@link dev.mailcheck.dns.server.WorldDnsClient}); the product asks real resolvers.
 */
@FunctionalInterface
public interface DnsClientFactory {
  /** Questions one engine has in flight at most, across all of its runs (a range scan must not flood a resolver). */
  int DEFAULT_MAX_IN_FLIGHT = 64;

  /**
   * The client for one run.
   *
   * @param deadline the run's overall deadline, which per-attempt timeouts must fit in
   * @param trace where every question that goes on the wire is recorded
   */
  DnsClient forRun(Duration deadline, QueryTrace trace);

  /**
   * Recursive resolvers over UDP/TCP, attempts fitted to each run's deadline, and at most
   * {@link #DEFAULT_MAX_IN_FLIGHT} questions in flight for all runs of the engine together.
   */
  static DnsClientFactory resolvers(DnsSettings settings) {
    LimitingDnsClient.Limit limit = new LimitingDnsClient.Limit(DEFAULT_MAX_IN_FLIGHT);
    return (deadline, trace) -> {
      DnsSettings s = settings.fitting(deadline);
      return new LimitingDnsClient(new ResolverDnsClient(s.servers(), s.attemptTimeout(), s.attempts(), trace), limit);
    };
  }
}
