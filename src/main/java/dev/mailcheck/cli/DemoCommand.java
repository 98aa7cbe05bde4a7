package dev.mailcheck.cli;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.smtp.SmtpProber;
import dev.mailcheck.smtp.SmtpSession;
import dev.mailcheck.smtp.SmtpSettings;
import dev.mailcheck.smtp.SocketSmtpProber;
import dev.mailcheck.smtp.server.LoopbackSmtpServer;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.TargetParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck demo}: runs real checks, offline, against the bundled sample world served by a
 * DNS server on loopback inside this process. {@code --serve} only serves that world, for trying
 * {@code mailcheck check --dns 127.0.0.1:PORT} by hand and for the benchmarks.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Offline demo: checks the bundled sample domains on a loopback DNS server.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--lang", description = "en or ko (default MAILCHECK_LANG, else en).")
  String lang;

  @Option(names = "--serve", description = "Only serve the sample world's DNS on loopback until interrupted.")
  boolean serve;

  @Option(names = "--port", defaultValue = "0", description = "Port for --serve (default: any free port).")
  int port;

  @Option(names = "--latency", converter = DurationConverter.class, defaultValue = "0ms",
      description = "Delay every DNS answer by this much (default none), to see the checks run in parallel.")
  Duration latency;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "5s",
      description = "Deadline of each run, more than zero and at most 1h (default ${DEFAULT-VALUE}).")
  Duration timeout;

  /** The probes a check of this build would send off the machine (the demo world is DNS only), comma-separated. */
  static String offWorldProbes() {
    return String.join(",", dev.mailcheck.check.Checks.probesBeyondDns().stream().map(dev.mailcheck.check.Probe::id).toList());
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Lang language = lang != null ? Lang.of(lang) : main.config().lang();
    DurationConverter.requirePositive(timeout, "--timeout");
    DemoWorld demo = DemoWorld.load();
    demo.world().latency(latency);
    PrintWriter out = spec.commandLine().getOut();
    LoopbackDnsServer started;
    try {
      started = LoopbackDnsServer.start(demo.world(), port);
    } catch (java.net.BindException e) {
      throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is in use; choose another with --port, or 0 for any free port.");
    }
    try (LoopbackDnsServer server = started) {
      if (serve) {
        out.println("Serving the demo world on 127.0.0.1:" + server.port() + " (UDP and TCP). Try:");
        // The demo's sending IPs are documentation addresses, which a check refuses unless allowed.
        String skip = offWorldProbes();
        String command = "MAILCHECK_ALLOW_PRIVATE=1 mailcheck check %s --dns 127.0.0.1:" + server.port()
            + (skip.isEmpty() ? "" : " --skip " + skip);
        out.println("  " + command.formatted("example.com"));
        out.println("  " + command.formatted("no-ptr.example.net 198.51.100.20"));
        out.flush();
        new CountDownLatch(1).await();
        return Main.OK;
      }
      try (LoopbackSmtpServer smtp = LoopbackSmtpServer.start(DemoWorld.SMTP_HOST, null, LoopbackSmtpServer.Behaviour.NORMAL)) {
        run(demo, server, smtp, language, out);
      }
      if (format == OutputFormat.text) {
        demoBounce(language, out);
      }
      return Main.OK;
    }
  }

  private void run(DemoWorld demo, LoopbackDnsServer server, LoopbackSmtpServer smtp, Lang language, PrintWriter out) {
    SocketSmtpProber real = new SocketSmtpProber(new SmtpSettings(smtp.port(), true, java.util.Optional.empty(),
        SmtpSettings.DEFAULTS.connect(), SmtpSettings.DEFAULTS.greeting(), SmtpSettings.DEFAULTS.step()));
    // Only loopback is ever connected to: the demo's other hosts are documentation addresses.
    SmtpProber loopbackOnly = (endpoint, budget) -> endpoint.address().isLoopbackAddress()
        ? real.probe(endpoint, budget)
        : SmtpSession.notAttempted(endpoint.address(), smtp.port(), "outside the demo");
    Engine engine = new Engine(DnsSettings.of(List.of(server.address()))).withSmtp(loopbackOnly);
    // Nothing leaves the machine: every probe beyond DNS is skipped, except SMTP for the targets
    // whose mail hosts are the demo's own loopback server.
    Set<String> offWorld = Set.copyOf(dev.mailcheck.check.Checks.probesBeyondDns().stream().map(dev.mailcheck.check.Probe::id).toList());
    Set<String> offWorldButSmtp = offWorld.stream().filter(p -> !p.equals(dev.mailcheck.check.Probe.SMTP.id()))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    TargetParser parser = new TargetParser(true);
    List<Report> reports = new ArrayList<>();
    for (DemoWorld.DemoTarget t : demo.targets()) {
      CheckOptions options = new CheckOptions(null, t.helo(), t.selectors(), t.smtp() ? offWorldButSmtp : offWorld, timeout, language);
      Report r;
      try {
        r = engine.run(parser.parse(t.target()), options);
      } catch (BadTargetException e) {
        throw new IllegalStateException("demo target " + t.target() + ": " + e.getMessage(), e);
      }
      reports.add(r);
      if (format == OutputFormat.text || format == OutputFormat.markdown) {
        out.println((format == OutputFormat.markdown ? "> " : "=== ") + (language == Lang.KO ? t.noteKo() : t.noteEn()));
        ReportPrinter.print(List.of(r), format, language, out);
        out.println();
      }
    }
    if (format == OutputFormat.json) {
      ReportPrinter.print(reports, format, language, out);
    }
  }

  /** A bounce the no-PTR server could get from Gmail, diagnosed as {@code mailcheck bounce} would. */
  private static void demoBounce(Lang language, PrintWriter out) throws IOException {
    String sample;
    try (java.io.InputStream in = DemoCommand.class.getResourceAsStream("/dev/mailcheck/demo/bounce.txt")) {
      sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    dev.mailcheck.bounce.BounceTexts texts = dev.mailcheck.bounce.BounceTexts.of(language);
    out.println("=== " + texts.get("bounce.demo.note"));
    sample.lines().forEach(l -> out.println("  | " + l));
    out.println();
    dev.mailcheck.bounce.BounceDiagnosis d = dev.mailcheck.bounce.BounceClassifier.bundled().classify(sample);
    dev.mailcheck.bounce.BounceRenderer.printText(dev.mailcheck.bounce.Bounces.bundled().advise(d, language), texts, out);
  }
}
