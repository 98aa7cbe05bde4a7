package dev.mailcheck.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.bounce.BadBounceException;
import dev.mailcheck.bounce.BounceAdvice;
import dev.mailcheck.bounce.BounceConfirmation;
import dev.mailcheck.bounce.BounceDiagnosis;
import dev.mailcheck.bounce.BounceReader;
import dev.mailcheck.bounce.BounceRenderer;
import dev.mailcheck.bounce.ImplicatedCheck;
import dev.mailcheck.bounce.Bounces;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.config.Config;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.JsonRenderer;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.TextRenderer;
import dev.mailcheck.target.BadTargetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailcheck bounce [FILE|-]}: reads a bounce (a pasted reply, or a whole .eml / DSN) and says who
 * rejected it, why, and what to do. Exit status 0 when a cause was found (even if the receiver is not
 * known), 1 when the text was read but no cause was recognised (category {@code unknown}), 2 on bad input.
 */
@Command(name = "bounce", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Diagnoses a bounce: a pasted rejection or a whole .eml / delivery status notification.",
        "--check then checks the IP and domain it names and says whether the cause is still there.",
        "Exit status: 0 a cause was found, 1 no cause was recognised, 2 bad input."})
final class BounceCommand implements Callable<Integer> {
  /** Exit status when the text was read but nothing in it told the cause. */
  static final int NOT_RECOGNISED = 1;

  @CommandLine.ParentCommand
  Main main;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The bounce (.eml or text); '-' or nothing reads standard input.")
  String file;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--lang", paramLabel = "LANG", description = "en or ko (default MAILCHECK_LANG, else en).")
  String lang;

  @Option(names = "--check", description = "Then check the IP and domain the bounce names, and say whether the cause is still there.")
  boolean check;

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "With --check: deadline of the check (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--skip", paramLabel = "LIST", description = "With --check: probes or checks to leave out (also MAILCHECK_SKIP).")
  String skip;

  private final InputStream stdin;

  BounceCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  BounceCommand() {
    this(System.in);
  }

  @Override
  public Integer call() {
    Lang language = lang != null ? Lang.of(lang) : main.config().lang();
    Messages texts = Messages.of(language);
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException(texts.get("bounce.error.format", format));
    }
    byte[] input = read(texts);
    Bounces bounces = Bounces.bundled();
    BounceDiagnosis diagnosis;
    try {
      diagnosis = bounces.diagnose(input);
    } catch (BadBounceException e) {
      throw new IllegalArgumentException(texts.get(e.key(), e.args()), e);
    }
    BounceAdvice advice = bounces.advise(diagnosis, language);
    PrintWriter out = spec.commandLine().getOut();
    Report report = check ? checkImplicated(diagnosis, language) : null;
    if (format.equals("json") && !check) {
      BounceRenderer.printJson(advice, out);
    } else if (format.equals("json")) {
      ObjectNode json = BounceRenderer.json(advice);
      if (check) {
        addCheck(json, advice, report, language);
      }
      try {
        out.println(JsonRenderer.mapper().writeValueAsString(json));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    } else {
      BounceRenderer.printText(advice, texts, out);
      if (check) {
        out.println();
        if (report == null) {
          out.println(texts.get("bounce.check.nothing"));
        } else {
          out.println("=== " + texts.get("bounce.check.title", report.target().display()));
          out.println(BounceConfirmation.of(advice, report, language).sentence());
          out.println();
          out.print(new TextRenderer(false).render(report, language));
        }
        out.flush();
      }
    }
    return diagnosis.diagnosed() ? Main.OK : NOT_RECOGNISED;
  }

  /**
   * Runs the check on what the bounce implicates: the domain as sent from the IP when it names both,
   * else the one it names; null when it names neither.
   */
  private Report checkImplicated(BounceDiagnosis d, Lang language) {
    DurationConverter.requirePositive(timeout, "--timeout");
    Config config = main.config();
    Set<String> skipped = skip != null ? Config.parseSkip(skip, "--skip") : config.skip();
    java.util.Optional<ImplicatedCheck> implicated;
    try {
      implicated = ImplicatedCheck.of(d, config.allowPrivate(), skipped, timeout, language);
    } catch (BadTargetException e) {
      throw e.unchecked();
    }
    if (implicated.isEmpty()) {
      return null;
    }
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    return new Engine(DnsSettings.of(servers)).run(implicated.get().target(), implicated.get().options());
  }

  /** DESIGN.md: with --check, the report of the implicated IP/domain under "report"; "check" says what it shows. */
  private static void addCheck(ObjectNode json, BounceAdvice advice, Report report, Lang language) {
    com.fasterxml.jackson.databind.ObjectMapper mapper = JsonRenderer.mapper();
    if (report == null) {
      json.putNull("report");
      json.putObject("check").put("status", "nothing-to-check").put("sentence", Messages.of(language).get("bounce.check.nothing"));
      return;
    }
    BounceConfirmation.Outcome o = BounceConfirmation.of(advice, report, language);
    ObjectNode c = json.putObject("check");
    c.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    o.findings().forEach(c.putArray("findings")::add);
    c.put("sentence", o.sentence());
    json.set("report", mapper.valueToTree(JsonRenderer.document(report, language)));
  }

  private byte[] read(Messages texts) {
    try {
      if (file == null || file.equals("-")) {
        if (stdin == System.in && interactive()) {
          // Someone typed 'mailcheck bounce' at a prompt: say what it waits for instead of hanging silently.
          spec.commandLine().getErr().println(texts.get("bounce.cli.paste-hint"));
          spec.commandLine().getErr().flush();
        }
        return readLimited(stdin);
      }
      Path path = Path.of(file);
      if (Files.isDirectory(path)) {
        throw new IllegalArgumentException(texts.get("bounce.error.directory", file));
      }
      try (InputStream in = Files.newInputStream(path)) {
        return readLimited(in);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(texts.get("bounce.error.no-file", file), e);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(texts.get("bounce.error.not-readable", file == null ? "-" : file,
          e.getClass().getSimpleName()), e);
    }
  }

  /** True when standard input is a terminal (Console.isTerminal from Java 22; before it, a console means one). */
  private static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Reads at most one byte more than the reader accepts, so an endless stream is refused, not buffered. */
  private static byte[] readLimited(InputStream in) throws IOException {
    return in.readNBytes(BounceReader.MAX_BYTES + 1);
  }
}
