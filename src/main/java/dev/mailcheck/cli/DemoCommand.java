package dev.mailcheck.cli;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.check.Probe;
import dev.mailcheck.demo.DemoRdapServer;
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
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
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
    return String.join(",", dev.mailcheck.check.Checks.probesBeyondDns().stream().map(Probe::id).toList());
  }

  /**
   * The probes that reach beyond what the demo serves: everything but DNS and RDAP, whose recorded
   * answers the demo serves over HTTPS on loopback. SMTP is in the list; the run itself keeps it for
   * the targets whose mail host is the demo's own SMTP server on loopback.
   */
  static List<Probe> beyondDemo() {
    return dev.mailcheck.check.Checks.probesBeyondDns().stream().filter(p -> p != Probe.RDAP).toList();
  }

  /** {@link #beyondDemo()} as {@code --skip} takes it. */
  static String onlineSkip() {
    return String.join(",", beyondDemo().stream().map(Probe::id).toList());
  }

  /**
   * What a check of the demo's loopback mail server skips: every probe beyond the demo but SMTP,
   * and RDAP (no registry holds 127.0.0.1).
   */
  static String smtpSkip() {
    return String.join(",", dev.mailcheck.check.Checks.probesBeyondDns().stream().filter(p -> p != Probe.SMTP).map(Probe::id).toList());
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Lang language = lang != null ? Lang.of(lang) : main.config().lang();
    DurationConverter.requirePositive(timeout, "--timeout");
    if (port < 0 || port > 65535) {
      throw new dev.mailcheck.target.InputException("input.serve.port", "--port", port);
    }
    DemoWorld demo = DemoWorld.load();
    demo.world().latency(latency);
    PrintWriter out = spec.commandLine().getOut();
    LoopbackDnsServer started;
    try {
      started = LoopbackDnsServer.start(demo.world(), port);
    } catch (java.net.BindException e) {
      throw ServeChecks.inUse(port, "127.0.0.1", "--port");
    }
    try (LoopbackDnsServer server = started; DemoRdapServer rdap = DemoRdapServer.start()) {
      if (serve) {
        out.println("Serving the demo world on 127.0.0.1:" + server.port() + " (UDP and TCP). Try:");
        // The demo's sending IPs are documentation addresses, which a check refuses unless allowed.
        String skip = offWorldProbes();
        String command = "MAILCHECK_ALLOW_PRIVATE=1 mailcheck check %s --dns 127.0.0.1:" + server.port()
            + (skip.isEmpty() ? "" : " --skip " + skip);
        out.println("  " + command.formatted("example.com"));
        out.println("  " + command.formatted("no-ptr.example.net 198.51.100.20"));
        out.println("Its recorded RDAP answers are on " + rdap.baseUrl() + "; to see who holds the sending IPs:");
        String online = onlineSkip();
        out.println("  MAILCHECK_RDAP_URL=" + rdap.baseUrl() + " MAILCHECK_ALLOW_PRIVATE=1 mailcheck check kt-no-ptr.example.kr --dns 127.0.0.1:"
            + server.port() + (online.isEmpty() ? "" : " --skip " + online));
        try (LoopbackSmtpServer smtp = LoopbackSmtpServer.start(DemoWorld.SMTP_HOST, null, LoopbackSmtpServer.Behaviour.NORMAL)) {
          out.println("Its mail server for plaintext.example.com (no STARTTLS) is on 127.0.0.1:" + smtp.port() + "; to talk to it over SMTP:");
          out.println("  MAILCHECK_SMTP_PORT=" + smtp.port() + " MAILCHECK_ALLOW_PRIVATE=1 mailcheck check plaintext.example.com"
              + " --helo localhost.localdomain --dns 127.0.0.1:" + server.port() + " --skip " + smtpSkip());
          out.flush();
          new CountDownLatch(1).await();
        }
        return Main.OK;
      }
      // RDAP goes to the demo's own recorded answers on loopback; nothing leaves the machine.
      rdap.warmUp();
      List<Report> reports;
      try (LoopbackSmtpServer smtp = LoopbackSmtpServer.start(DemoWorld.SMTP_HOST, null, LoopbackSmtpServer.Behaviour.NORMAL)) {
        reports = run(demo, server, rdap, smtp, language, out);
      }
      if (format == OutputFormat.text) {
        demoBounce(language, out, reports.stream().filter(r -> r.target().name().equals(BOUNCED)).findFirst().orElse(null));
        out.println();
        DemoScan.print(language, out, server.address());
      }
      return Main.OK;
    }
  }

  /** The demo domain whose server the sample bounce is about. */
  private static final String BOUNCED = "no-ptr.example.net";

  private List<Report> run(DemoWorld demo, LoopbackDnsServer server, DemoRdapServer rdap, LoopbackSmtpServer smtp,
      Lang language, PrintWriter out) {
    SocketSmtpProber real = new SocketSmtpProber(new SmtpSettings(smtp.port(), true, java.util.Optional.empty(),
        SmtpSettings.DEFAULTS.connect(), SmtpSettings.DEFAULTS.greeting(), SmtpSettings.DEFAULTS.step()));
    // Only loopback is ever connected to: the demo's other hosts are documentation addresses.
    SmtpProber loopbackOnly = (endpoint, budget) -> endpoint.address().isLoopbackAddress()
        ? real.probe(endpoint, budget)
        : SmtpSession.notAttempted(endpoint.address(), smtp.port(), "outside the demo");
    // The catalog's default lists whatever MAILCHECK_DNSBL says: the demo world holds those.
    Engine engine = new Engine(DnsSettings.of(List.of(server.address())), rdap.probes())
        .withChecks(dev.mailcheck.check.Checks.withBlockLists(dev.mailcheck.dnsbl.BlockLists.defaults()))
        .withTrustAnchors(demo.trustAnchors())
        .withSmtp(loopbackOnly);
    // Every probe the demo does not serve itself is skipped. The targets whose mail hosts are the
    // demo's own loopback SMTP server keep SMTP and leave RDAP out: no registry holds 127.0.0.1.
    Set<String> offWorld = Set.copyOf(beyondDemo().stream().map(Probe::id).toList());
    Set<String> offWorldButSmtp = java.util.stream.Stream.concat(offWorld.stream().filter(p -> !p.equals(Probe.SMTP.id())),
        java.util.stream.Stream.of(Probe.RDAP.id())).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
    return reports;
  }

  /**
   * A bounce the no-PTR server could get from Gmail, diagnosed as {@code mailcheck bounce} would, and
   * put next to that domain's report as {@code bounce --check} does.
   */
  private static void demoBounce(Lang language, PrintWriter out, Report checked) throws IOException {
    String sample;
    try (java.io.InputStream in = DemoCommand.class.getResourceAsStream("/dev/mailcheck/demo/bounce.txt")) {
      sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    dev.mailcheck.playbook.Messages texts = dev.mailcheck.playbook.Messages.of(language);
    out.println("=== " + texts.get("bounce.demo.note"));
    sample.lines().forEach(l -> out.println("  | " + l));
    out.println();
    dev.mailcheck.bounce.BounceDiagnosis d = dev.mailcheck.bounce.BounceClassifier.bundled().classify(sample);
    dev.mailcheck.bounce.BounceAdvice advice = dev.mailcheck.bounce.Bounces.bundled().advise(d, language);
    dev.mailcheck.bounce.BounceRenderer.printText(advice, texts, out);
    if (checked != null) {
      out.println();
      out.println(dev.mailcheck.bounce.BounceConfirmation.of(advice, checked, language).sentence());
    }
  }
}
