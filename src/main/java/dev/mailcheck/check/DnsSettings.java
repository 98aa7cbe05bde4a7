package dev.mailcheck.check;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Which resolvers a run asks and how patiently.
 *
 * @param attemptTimeout how long one attempt of one question may take
 * @param attempts attempts per question: 2 means one retry, on the next resolver when there is one
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration attemptTimeout, int attempts) {
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  public DnsSettings {
    servers = List.copyOf(servers);
  }

  public static DnsSettings of(List<InetSocketAddress> servers) {
    return new DnsSettings(servers, DEFAULT_ATTEMPT_TIMEOUT, 2);
  }

  /**
   * Shortens the attempt timeout so that two attempts at each step of a four-step chain fit in
   * the deadline with room to spare (a tenth each, not an eighth, so the last retry does not race it).
   */
  public DnsSettings fitting(Duration deadline) {
    Duration share = deadline.dividedBy(10);
    Duration t = attemptTimeout.compareTo(share) > 0 ? share : attemptTimeout;
    if (t.compareTo(Duration.ofMillis(100)) < 0) {
      t = Duration.ofMillis(100);
    }
    return new DnsSettings(servers, t, attempts);
  }
}
