package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.LimitingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListKind;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.dnsbl.RangeScan;
import dev.mailcheck.dnsbl.ScanText;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.target.InputException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailcheck scan CIDR}: a range against the blocklists; prints only the listed addresses. */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Checks every address of a range against the blocklists and prints only the listed ones.",
        "Exit status: 0 nothing listed, 1 at least one address listed, 2 bad input, 3 something could not be checked."})
final class ScanCommand implements Callable<Integer> {
  /** The widest range by default: a /20, 4096 addresses. */
  static final int DEFAULT_MAX_PREFIX = 20;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Parameters(arity = "1", paramLabel = "CIDR", description = "The range, e.g. 198.51.100.0/24 or 2001:db8::/120.")
  String cidr;

  @Option(names = "--lists", paramLabel = "LIST", split = ",",
      description = "Lists to use (zones or catalog ids, e.g. zen.spamhaus.org,bl.spamcop.net) instead of MAILCHECK_DNSBL or the defaults.")
  List<String> lists;

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, or json for one JSON object per line (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--max-prefix", paramLabel = "N", defaultValue = "20",
      description = "The widest range allowed, as an IPv4 prefix length from 16 to 32 (default /${DEFAULT-VALUE}, 4096 addresses).")
  int maxPrefix;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64", description = "DNS questions in flight at most (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
      description = "How long one attempt of a DNS question may take; each is tried twice (default ${DEFAULT-VALUE}).")
  java.time.Duration timeout;

  @Option(names = "--lang", paramLabel = "LANG", description = "en or ko (default MAILCHECK_LANG, else en).")
  String lang;

  @Override
  public Integer call() throws InterruptedException {
    Config config = main.config();
    Lang language = lang != null ? Lang.of(lang) : config.lang();
    boolean json = switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new IllegalArgumentException("--format: '" + dev.mailcheck.target.Echo.of(format) + "' is not text or json.");
    };
    DurationConverter.requirePositive(timeout, "--timeout");
    if (maxPrefix < 16 || maxPrefix > 32) {
      throw new InputException("scan.max-prefix-bad");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new InputException("scan.concurrency-bad");
    }
    Cidr range = Cidr.parse(cidr);
    BigInteger allowed = BigInteger.ONE.shiftLeft(32 - maxPrefix);
    if (range.size().compareTo(allowed) > 0) {
      throw new InputException("scan.too-large", range.toString(), range.size().toString(), maxPrefix, allowed.toString());
    }
    BlockLists chosen = lists != null && !lists.isEmpty() ? BlockLists.named(lists) : BlockLists.fromSettings(config::get);
    ListKind kind = range.ipv4() ? ListKind.IPV4 : ListKind.IPV6;
    List<BlockList> usable = chosen.supporting(kind);
    if (usable.isEmpty()) {
      throw new InputException("scan.no-lists", kind == ListKind.IPV4 ? "IPv4" : "IPv6");
    }
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    // One resolver: a few UDP sockets kept open for the whole range; several: the engine's client, which moves between them.
    DnsClient resolver;
    try {
      resolver = servers.size() == 1
          ? new dev.mailcheck.dns.PooledUdpDnsClient(servers.get(0), timeout, 2, QueryTrace.discarding())
          : new ResolverDnsClient(servers, timeout, 2, QueryTrace.discarding());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot open a UDP socket: " + e.getMessage(), e);
    }
    DnsClient client = new LimitingDnsClient(resolver, new LimitingDnsClient.Limit(concurrency));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScanText words = new ScanText(language);
    ProgressBar bar = ProgressBar.onTerminal(err);
    RangeScan.Summary summary = new RangeScan(new Dnsbl(new dev.mailcheck.dnsbl.ListHealth())).run(range, usable, client, concurrency, new RangeScan.Listener() {
      @Override
      public void listed(InetAddress ip, List<Lookup> listings) {
        bar.clear();
        if (json) {
          out.println(words.json(ip, listings));
        } else {
          words.lines(ip, listings).forEach(out::println);
        }
        out.flush();
      }

      @Override
      public void progress(long done, long total) {
        bar.show(done, total);
      }
    });
    bar.clear();
    if (resolver instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // Sockets of a finished scan: nothing left to lose.
      }
    }
    if (json) {
      out.println(words.summaryJson(summary));
    } else {
      words.summary(summary).forEach(out::println);
    }
    out.flush();
    return summary.listedAddresses() > 0 ? Main.FAILED : summary.complete() ? Main.OK : Main.INCOMPLETE;
  }
}
