package dev.mailcheck.testing;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.Checks;
import dev.mailcheck.check.Engine;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.WorldDnsClient;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.TargetParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One scenario's DNS for a check test, in-process: the engine asks a {@link WorldDnsClient} that
 * answers straight from the {@link DnsWorld} (no sockets, faults as data), and runs only the checks
 * named ({@link Checks#only}), so adding another check changes nothing in the test. Transport
 * behaviour (truncation, TCP, retries, real timeouts) is tested with {@link DnsFixture}'s loopback
 * server instead. Closing does nothing; it is AutoCloseable so scenarios read like the loopback ones.
 *
 * <pre>{@code
 * try (WorldFixture dns = WorldFixture.of("example.com. MX 10 mail.example.com.\n", "mx")) {
 *   Report r = dns.check("example.com");
 * }
 * }</pre>
 */
public final class WorldFixture implements AutoCloseable {
  /** How long a question with a {@code TIMEOUT} fault takes to time out. */
  public static final Duration TIMEOUT = Duration.ofMillis(250);

  private final DnsWorld world;
  private final List<String> checks;
  private final List<WorldDnsClient> clients = new CopyOnWriteArrayList<>();

  private WorldFixture(DnsWorld world, List<String> checks) {
    this.world = world;
    this.checks = checks;
  }

  /** The world, for runs of the named checks. */
  public static WorldFixture of(DnsWorld world, String... checks) {
    if (checks.length == 0) {
      throw new IllegalArgumentException("name the checks under test");
    }
    return new WorldFixture(world, List.of(checks));
  }

  /** Records in master-file syntax with absolute names, for runs of the named checks. */
  public static WorldFixture of(String records, String... checks) {
    return of(new DnsWorld().records(records), checks);
  }

  public DnsWorld world() {
    return world;
  }

  /** A client on the world for one run (for code that takes a client rather than an engine). */
  public DnsClient client(QueryTrace trace) {
    WorldDnsClient c = new WorldDnsClient(world, TIMEOUT, trace);
    clients.add(c);
    return c;
  }

  /** An engine running only the checks under test on the world. */
  public Engine engine() {
    return new Engine((deadline, trace) -> client(trace), Checks.only(checks.toArray(String[]::new)), Clock.systemUTC());
  }

  /** How many times the question was asked, over every run of this fixture. */
  public int count(String name, int type) {
    return clients.stream().mapToInt(c -> c.count(name, type)).sum();
  }

  /** Runs the checks under test on a target (documentation and private addresses allowed) with {@link DnsFixture#options()}. */
  public Report check(String target) {
    return check(target, DnsFixture.options());
  }

  public Report check(String target, CheckOptions options) {
    try {
      return engine().run(new TargetParser(true).parse(target), options);
    } catch (BadTargetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // Nothing to stop: no sockets, no threads of its own.
  }
}
