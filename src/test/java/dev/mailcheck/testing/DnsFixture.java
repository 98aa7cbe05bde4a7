package dev.mailcheck.testing;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.Checks;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.dns.CachingDnsClient;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.TargetParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Type;

/**
 * One scenario's DNS: a {@link DnsWorld} served by a {@link LoopbackDnsServer} on 127.0.0.1, and
 * clients and engines pointed only at it (never the system resolver). Short per-attempt timeouts
 * keep failure scenarios fast. Use with try-with-resources:
 *
 * <pre>{@code
 * try (DnsFixture dns = DnsFixture.start(new DnsWorld().records("example.com. MX 10 mail.example.com."))) {
 *   Report r = dns.check("example.com");
 * }
 * }</pre>
 */
public final class DnsFixture implements AutoCloseable {
  /** Per-attempt timeout of the clients and engines made here. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(250);

  private final DnsWorld world;
  private final LoopbackDnsServer server;

  private DnsFixture(DnsWorld world, LoopbackDnsServer server) {
    this.world = world;
    this.server = server;
  }

  /**
   * Starts a loopback server for the world, which also holds working blocklists (their RFC 5782 test
   * points, {@link dev.mailcheck.dnsbl.BlockLists#testPointRecords()}), as the internet does.
   */
  public static DnsFixture start(DnsWorld world) {
    world.records(dev.mailcheck.dnsbl.BlockLists.testPointRecords());
    warmUp();
    try {
      return new DnsFixture(world, LoopbackDnsServer.start(world));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a loopback server for records in master-file syntax with absolute names. */
  public static DnsFixture start(String records) {
    return start(new DnsWorld().records(records));
  }

  private static volatile boolean warm;

  /**
   * Asks one question, patiently, on a throwaway server before the first scenario of the JVM, so
   * class loading and dnsjava's selector start-up never count against a test's short timeouts.
   */
  private static synchronized void warmUp() {
    if (warm) {
      return;
    }
    try (LoopbackDnsServer s = LoopbackDnsServer.start(new DnsWorld().records("warm.example. A 192.0.2.1\n"))) {
      new ResolverDnsClient(List.of(s.address()), Duration.ofSeconds(5), 1, new QueryTrace()).query("warm.example", Type.A).join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    warm = true;
  }

  public DnsWorld world() {
    return world;
  }

  public LoopbackDnsServer server() {
    return server;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** The resolver as {@code --dns} takes it: {@code 127.0.0.1:PORT}. */
  public String dnsArg() {
    return "127.0.0.1:" + server.port();
  }

  /** A client with one retry, asking only this server; its questions go to {@code trace}. */
  public ResolverDnsClient client(QueryTrace trace) {
    return new ResolverDnsClient(List.of(address()), ATTEMPT_TIMEOUT, 2, trace);
  }

  /**
   * Per-attempt timeout for scenarios with injected latency: long enough that a slow answer never
   * turns into a timeout on a busy machine.
   */
  public static final Duration PATIENT = Duration.ofSeconds(2);

  /** A per-run caching client over {@link #client(QueryTrace)}. */
  public DnsClient cachingClient() {
    return new CachingDnsClient(client(new QueryTrace()));
  }

  /**
   * An engine with the MX and PTR checks ({@link Checks#only}: a check added later changes nothing
   * here), asking only this server with short attempt timeouts.
   */
  public Engine engine() {
    return new Engine(settings(), Checks.only("mx", "ptr"));
  }

  /** Like {@link #engine()}, with attempts that wait {@link #PATIENT}, for scenarios with injected latency. */
  public Engine patientEngine() {
    return new Engine(new DnsSettings(List.of(address()), PATIENT, 2), Checks.only("mx", "ptr"));
  }

  public DnsSettings settings() {
    return new DnsSettings(List.of(address()), ATTEMPT_TIMEOUT, 2);
  }

  /**
   * Options for the MX/PTR/engine scenarios: no outside probes, a 10 s deadline, English. SPF is
   * left out: its worlds and findings have scenario tests of their own (dev.mailcheck.spf), and
   * these worlds publish no SPF records.
   */
  public static CheckOptions options() {
    return new CheckOptions(null, null, List.of(), Set.of("smtp", "http", "rdap", "spf"), Duration.ofSeconds(10), Lang.EN);
  }

  /** Runs the MX and PTR checks on a target (documentation and private addresses allowed) with {@link #options()}. */
  public Report check(String target) {
    return check(target, options());
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
    server.close();
  }
}
