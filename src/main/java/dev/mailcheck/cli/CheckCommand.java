package dev.mailcheck.cli;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.Checks;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.check.ProbeSettings;
import dev.mailcheck.config.Config;
import dev.mailcheck.smtp.SmtpSettings;
import dev.mailcheck.smtp.SocketSmtpProber;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.CheckRequest;
import dev.mailcheck.target.InputException;
import dev.mailcheck.target.Sentence;
import dev.mailcheck.target.RequestParser;
import dev.mailcheck.target.Target;
import dev.mailcheck.target.TargetParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailcheck check TARGET…}: the full diagnosis of a domain, host or IP. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Checks a domain, mail host or sending IP and prints the findings.",
        "Exit status: 0 no failures, 1 at least one failure, 2 bad input, 3 something could not be checked."})
final class CheckCommand implements Callable<Integer> {
  /** Targets checked at the same time. */
  static final int PARALLEL = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Parameters(arity = "1..*", paramLabel = "TARGET",
      description = {"example.com, mail.example.com, 203.0.113.5, user@example.com; several (separated by spaces or commas) are checked at the same time.",
          "'example.com 203.0.113.5' checks the domain as sent from that IP. A check takes one sending IP: 'example.com 203.0.113.5 198.51.100.7' is refused; check each IP on its own."})
  List<String> targets;

  @Option(names = "--from", paramLabel = "IP", description = "The IP that sends for the domain (the most precise check); one per check.")
  List<String> from = new ArrayList<>();

  @Option(names = "--helo", paramLabel = "NAME", description = "The HELO/EHLO name your server uses.")
  String helo;

  /** Worded by {@link #describeSelector}: what it does depends on whether a check reads selectors. */
  @Option(names = "--selector", paramLabel = "S", description = "A DKIM selector (repeatable).")
  List<String> selectors = new ArrayList<>();

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "Deadline of each target's run, at most 1h (default ${DEFAULT-VALUE}); several targets run at the same time.")
  Duration timeout;

  @Option(names = "--skip", paramLabel = "LIST", completionCandidates = SkipNames.class,
      description = "Checks or probes to leave out, comma-separated, any of: ${COMPLETION-CANDIDATES} (also MAILCHECK_SKIP).")
  String skip;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--lang", paramLabel = "LANG", description = "en or ko (default MAILCHECK_LANG, else en).")
  String lang;

  @Override
  public Integer call() {
    DurationConverter.requirePositive(timeout, "--timeout");
    Config config = main.config();
    Lang language = lang != null ? Lang.of(lang) : config.lang();
    Set<String> skipped = skip != null ? Config.parseSkip(skip, "--skip") : config.skip();
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    CheckRequest request;
    try {
      request = new RequestParser(new TargetParser(config.allowPrivate())).check(targets, from, helo, selectors, Integer.MAX_VALUE);
    } catch (BadTargetException e) {
      // A range has a command of its own: mailcheck scan here (the bot points to its /mailcheck scan).
      if (e.sentence().key().equals("input.range")) {
        throw new InputException(new Sentence("input.range-scan", e.sentence().args()));
      }
      throw e.unchecked();
    }
    CheckOptions options = new CheckOptions(request.from(), request.helo(), request.selectors(), new HashSet<>(skipped), timeout, language);
    // The blocklists from this command's settings, their health probed afresh for this command.
    Engine engine = new Engine(DnsSettings.of(servers), ProbeSettings.from(config))
        .withChecks(Checks.withBlockLists(BlockLists.fromSettings(config::get)))
        .withTrustAnchors(dev.mailcheck.dnssec.TrustAnchors.from(config))
        .withSmtp(new SocketSmtpProber(SmtpSettings.from(config)));
    List<Report> reports = runAll(engine, request.targets(), options);
    ReportPrinter.print(reports, format, language, spec.commandLine().getOut());
    return ReportPrinter.exitStatus(reports);
  }

  /**
   * Words {@code --selector} after the registry: while no registered check reads selectors, the help
   * says that one is only checked for syntax, rather than promise a DKIM check this build lacks.
   */
  static void describeSelector(CommandLine.Model.CommandSpec check) {
    CommandLine.Model.OptionSpec option = check.findOption("--selector");
    String description = dev.mailcheck.check.Checks.readsSelectors()
        ? "A DKIM selector for the DKIM check to look at instead of guessing the usual ones (repeatable, up to 10)."
        : "A DKIM selector (repeatable). No check of this build reads selectors yet: it is checked for syntax and otherwise has no effect.";
    check.remove(option);
    check.addOption(CommandLine.Model.OptionSpec.builder(option).description(description).build());
  }

  /**
   * Runs the targets at the same time, at most {@link #PARALLEL} at once, so that three targets on a
   * silent resolver take one deadline, not three; the reports come back in the order given.
   */
  static List<Report> runAll(Engine engine, List<Target> targets, CheckOptions options) {
    if (targets.size() == 1) {
      return List.of(engine.run(targets.get(0), options));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(targets.size(), PARALLEL), r -> {
      Thread t = new Thread(r, "mailcheck-target");
      t.setDaemon(true);
      return t;
    });
    try {
      List<java.util.concurrent.Future<Report>> runs = new ArrayList<>();
      for (Target t : targets) {
        runs.add(pool.submit(() -> engine.run(t, options)));
      }
      List<Report> reports = new ArrayList<>();
      for (java.util.concurrent.Future<Report> run : runs) {
        reports.add(run.get());
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
