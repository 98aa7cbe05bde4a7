package dev.mailcheck.cli;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.config.Config;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.Target;
import dev.mailcheck.target.TargetParser;
import java.net.InetAddress;
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
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks a domain, mail host or sending IP and prints the findings.",
        "Exit status: 0 no failures, 1 at least one failure, 2 bad input, 3 something could not be checked."})
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Parameters(arity = "1..*", paramLabel = "TARGET",
      description = "example.com, mail.example.com, 203.0.113.5, user@example.com; 'example.com 203.0.113.5' checks the domain as sent from that IP.")
  List<String> targets;

  @Option(names = "--from", paramLabel = "IP", description = "The IP that sends for the domain (the most precise check).")
  String from;

  @Option(names = "--helo", paramLabel = "NAME", description = "The HELO/EHLO name your server uses.")
  String helo;

  @Option(names = "--selector", paramLabel = "S", description = "A DKIM selector to look at (repeatable; checked for syntax now, used by the DKIM check once it exists).")
  List<String> selectors = new ArrayList<>();

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "Deadline of each target's run (default ${DEFAULT-VALUE}); several targets are checked one after another.")
  Duration timeout;

  @Option(names = "--skip", paramLabel = "LIST", description = "Probes or checks to leave out, e.g. smtp,http,rdap (also MAILCHECK_SKIP).")
  String skip;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--lang", paramLabel = "LANG", description = "en or ko (default MAILCHECK_LANG, else en).")
  String lang;

  @Override
  public Integer call() {
    if (timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be longer than zero, e.g. 20s.");
    }
    Config config = main.config();
    Lang language = lang != null ? Lang.of(lang) : config.lang();
    Set<String> skipped = skip != null ? Config.parseSkip(skip, "--skip") : config.skip();
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    TargetParser parser = new TargetParser(config.allowPrivate());
    List<Target> parsed = new ArrayList<>();
    InetAddress sender;
    try {
      sender = from == null ? null : parser.parseIp(from);
      for (String t : targets) {
        // 'example.com 203.0.113.5' quoted as one argument reads the same as two.
        for (String word : t.strip().split("\\s+")) {
          parsed.add(parser.parse(word));
        }
      }
    } catch (BadTargetException e) {
      spec.commandLine().getErr().println("mailcheck: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    // "example.com 203.0.113.5": a domain and the IP that sends for it (DESIGN.md "Targets").
    if (sender == null && parsed.size() == 2 && !parsed.get(0).isIp() && parsed.get(1).isIp()) {
      sender = parsed.get(1).ip();
      parsed.remove(1);
    }
    if (sender != null && (parsed.size() != 1 || parsed.get(0).isIp())) {
      throw new IllegalArgumentException("--from (or a domain followed by its IP) names the sender of one domain; give exactly one domain with it,"
          + " e.g. 'mailcheck check example.com --from 203.0.113.5'.");
    }
    if (helo != null && !dev.mailcheck.target.MailNames.isHeloName(helo.strip())) {
      throw new IllegalArgumentException("--helo '" + helo + "' is not a host name; give the name your server announces, e.g. mail.example.com.");
    }
    for (String s : selectors) {
      if (!dev.mailcheck.target.MailNames.isSelector(s)) {
        throw new IllegalArgumentException("--selector '" + s + "' is not a DKIM selector; give the label(s) before ._domainkey, e.g. s1 or google.");
      }
    }
    CheckOptions options = new CheckOptions(sender, helo == null ? null : helo.strip(), selectors, new HashSet<>(skipped), timeout, language);
    Engine engine = new Engine(DnsSettings.of(servers));
    List<Report> reports = new ArrayList<>();
    for (Target t : parsed) {
      reports.add(engine.run(t, options));
    }
    ReportPrinter.print(reports, format, language, spec.commandLine().getOut());
    return ReportPrinter.exitStatus(reports);
  }
}
