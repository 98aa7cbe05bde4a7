package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.dns.Resolvers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Which resolvers a command asks (DESIGN.md "CLI"): {@code --dns} flags, else {@code MAILCHECK_DNS}, else the system's. */
final class ResolverSelection {
  private ResolverSelection() {}

  /**
   * @throws IllegalArgumentException for an unparsable address (one sentence; exit status 2)
   * @throws CommandLine.ExecutionException when no resolver is known at all
   */
  static List<InetSocketAddress> select(List<String> dnsFlags, Config config, CommandLine cl) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String d : dnsFlags) {
      servers.addAll(Resolvers.parseList(d));
    }
    if (!dnsFlags.isEmpty() && servers.isEmpty()) {
      // --dns replaces the system's resolvers: an empty one must not quietly fall back to them.
      throw new IllegalArgumentException("--dns was given without an address; use an IP address with an optional port, e.g. 127.0.0.1:5353.");
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
