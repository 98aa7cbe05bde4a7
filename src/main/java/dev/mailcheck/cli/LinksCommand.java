package dev.mailcheck.cli;

import dev.mailcheck.check.DnsClientFactory;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.config.Config;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.http.OkHttpFetcher;
import dev.mailcheck.playbook.LinkCheck;
import dev.mailcheck.playbook.Playbook;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck links [--verify]}: every link of the playbook with its source and the date it was
 * last verified; with {@code --verify}, asks each one (HEAD, then GET where HEAD is refused) through
 * the guarded HTTP client and lists those that fail. Exit status 1 when any fails.
 */
@Command(name = "links", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Lists every link of the playbook with its source and the date it was last verified.",
        "--verify asks each one (HEAD, then GET where HEAD is refused) and lists those that fail.",
        "Exit status: 0 every link answered (or no --verify), 1 at least one failed, 2 bad input."})
final class LinksCommand implements Callable<Integer> {
  /** Links asked at the same time: enough to finish quickly, few enough not to hammer one portal. */
  static final int PARALLEL = 8;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Option(names = "--verify", description = "Ask every link and list those that do not answer with 2xx.")
  boolean verify;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
      description = "Time each link may take, redirects included (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @CommandLine.Mixin
  DnsOption dns;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Playbook.Entry> links = Playbook.bundled().entries().stream().sorted(Comparator.comparing(Playbook.Entry::key)).toList();
    if (!verify) {
      for (Playbook.Entry l : links) {
        out.println(l.key() + "  " + l.url());
        out.println("    verified " + l.verified() + "; source: " + l.source());
      }
      out.println(links.size() + " links");
      out.flush();
      return Main.OK;
    }
    DurationConverter.requirePositive(timeout, "--timeout");
    Config config = main.config();
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    // One DNS client for the whole check; its deadline covers every link, asked PARALLEL at a time.
    Duration all = timeout.multipliedBy((links.size() + PARALLEL - 1) / PARALLEL + 1);
    OkHttpFetcher http = new OkHttpFetcher(DnsClientFactory.resolvers(DnsSettings.of(servers)).forRun(all, new QueryTrace()),
        HttpSettings.from(config));
    List<LinkCheck.Outcome> outcomes = new LinkCheck(http, timeout, PARALLEL).verify(links);
    long failed = outcomes.stream().filter(o -> !o.ok()).count();
    for (LinkCheck.Outcome o : outcomes) {
      if (!o.ok()) {
        out.println("FAIL  " + o.link().key() + "  " + o.link().url());
        out.println("      " + o.problem() + " (verified " + o.link().verified() + "; source: " + o.link().source() + ")");
      }
    }
    out.println(outcomes.size() + " links checked, " + failed + " failed");
    out.flush();
    return failed == 0 ? Main.OK : Main.FAILED;
  }
}
