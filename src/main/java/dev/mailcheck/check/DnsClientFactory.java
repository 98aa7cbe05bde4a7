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
  /** Questions one run has in flight at most: a range scan must not send thousands at once. */
  int MAX_IN_FLIGHT_PER_RUN = 64;

  /** Questions one engine has in flight at most, all its runs together (the bot runs many at once). */
  int MAX_IN_FLIGHT_PER_ENGINE = 512;

  /**
   * The client for one run.
   *
   * @param deadline the run's overall deadline, which per-attempt timeouts must fit in
   * @param trace where every question that goes on the wire is recorded
   */
  DnsClient forRun(Duration deadline, QueryTrace trace);

  /**
   * Recursive resolvers over UDP/TCP, attempts fitted to each run's deadline, and at most
   * {@link #MAX_IN_FLIGHT_PER_RUN} questions in flight per run and {@link #MAX_IN_FLIGHT_PER_ENGINE}
   * for all runs of the engine together. A run's questions past its own bound wait in its own queue,
   * so one run's flood does not hold up the others' first questions.
   */
  static DnsClientFactory resolvers(DnsSettings settings) {
    LimitingDnsClient.Limit engine = new LimitingDnsClient.Limit(MAX_IN_FLIGHT_PER_ENGINE);
    return (deadline, trace) -> {
      DnsSettings s = settings.fitting(deadline);
      DnsClient wire = new ResolverDnsClient(s.servers(), s.attemptTimeout(), s.attempts(), trace);
      return new LimitingDnsClient(new LimitingDnsClient(wire, engine), new LimitingDnsClient.Limit(MAX_IN_FLIGHT_PER_RUN));
    };
  }
}
