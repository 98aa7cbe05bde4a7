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
        out.println("  mailcheck check example.com --dns 127.0.0.1:" + server.port() + " --skip smtp,http,rdap");
        out.flush();
        new CountDownLatch(1).await();
        return Main.OK;
      }
      try (LoopbackSmtpServer smtp = LoopbackSmtpServer.start(DemoWorld.SMTP_HOST, null, LoopbackSmtpServer.Behaviour.NORMAL)) {
        return run(demo, server, smtp, language, out);
      }
    }
  }

  private int run(DemoWorld demo, LoopbackDnsServer server, LoopbackSmtpServer smtp, Lang language, PrintWriter out) {
    SocketSmtpProber real = new SocketSmtpProber(new SmtpSettings(smtp.port(), true, java.util.Optional.empty(),
        SmtpSettings.DEFAULTS.connect(), SmtpSettings.DEFAULTS.greeting(), SmtpSettings.DEFAULTS.step()));
    // Only loopback is ever connected to: the demo's other hosts are documentation addresses.
    SmtpProber loopbackOnly = (endpoint, budget) -> endpoint.address().isLoopbackAddress()
        ? real.probe(endpoint, budget)
        : SmtpSession.notAttempted(endpoint.address(), smtp.port(), "outside the demo");
    Engine engine = new Engine(DnsSettings.of(List.of(server.address()))).withSmtp(loopbackOnly);
    TargetParser parser = new TargetParser(true);
    List<Report> reports = new ArrayList<>();
    for (DemoWorld.DemoTarget t : demo.targets()) {
      Set<String> skip = t.smtp() ? Set.of("http", "rdap") : Set.of("smtp", "http", "rdap");
      CheckOptions options = new CheckOptions(null, t.helo(), List.of(), skip, timeout, language);
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
    return Main.OK;
  }
}
