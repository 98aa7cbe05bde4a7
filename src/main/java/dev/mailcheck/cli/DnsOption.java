package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.dns.Resolvers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --dns} option every command that asks DNS shares, and which resolvers it means
 * (docs/CONTRACTS.md "CLI"): the {@code --dns} flags, else {@code MAILCHECK_DNS}, else the system's.
 */
final class DnsOption {
  @Option(names = "--dns", paramLabel = "IP[:PORT]", description = "Resolver to use instead of the system's (repeatable; also MAILCHECK_DNS).")
  List<String> dns = new ArrayList<>();

  /**
   * @throws IllegalArgumentException for an unparsable or empty address (one sentence; exit status 2)
   * @throws CommandLine.ExecutionException when no resolver is known at all (exit status 3)
   */
  List<InetSocketAddress> select(Config config, CommandLine cl) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String d : dns) {
      servers.addAll(Resolvers.parseList(d));
    }
    if (!dns.isEmpty() && servers.isEmpty()) {
      // --dns replaces the system's resolvers: an empty one must not quietly fall back to them.
      throw new dev.mailcheck.target.InputException("input.dns-flag-empty");
    }
    if (servers.isEmpty()) {
      servers.addAll(config.dns());
    }
    if (servers.isEmpty()) {
      servers.addAll(Resolvers.system());
    }
    if (servers.isEmpty()) {
      throw new CommandLine.ExecutionException(cl, "no DNS resolver is configured on this system; give one with --dns IP or MAILCHECK_DNS");
    }
    return servers;
  }
}
