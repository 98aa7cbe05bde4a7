package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailcheck} command line. */
@Command(
    name = "mailcheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Diagnoses why mail from your server is rejected or put in spam, and says what to do about it.",
    subcommands = {CheckCommand.class, SpfCommand.class, BounceCommand.class, ScanCommand.class, LinksCommand.class, DemoCommand.class, ServeCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit status: nothing failed. */
  public static final int OK = 0;
  /** Exit status: at least one {@code fail} finding. */
  public static final int FAILED = 1;
  /** Exit status: bad input or usage. */
  public static final int BAD_INPUT = 2;
  /** Exit status: the check could not be completed. */
  public static final int INCOMPLETE = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final Config config;

  private Main(Config config) {
    this.config = config;
  }

  /** The settings subcommands read ({@code MAILCHECK_*}); the process environment unless a caller gave others. */
  Config config() {
    return config;
  }

  public static void main(String[] args) {
    // A background thread that dies is one line on stderr, like every other error of the CLI.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      System.err.println("mailcheck: internal error in thread '" + thread.getName() + "': " + e);
      if (System.getenv("MAILCHECK_DEBUG") != null) {
        e.printStackTrace();
      }
    });
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, System.in, out, err, Config.fromEnvironment());
  }

  /** Runs the command line with the given standard input too (read by {@code spf --batch}). */
  public static int run(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, in, out, err, Config.fromEnvironment());
  }

  /** Runs the command line with the given streams and settings instead of the process environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Config config) {
    return run(args, System.in, out, err, config);
  }

  /** Runs the command line with everything it reads from outside given. */
  public static int run(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err, Config config) {
    return commandLine(in, out, err, config).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(System.in, out, err, Config.fromEnvironment());
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Config config) {
    return commandLine(System.in, out, err, config);
  }

  static CommandLine commandLine(java.io.InputStream in, PrintWriter out, PrintWriter err, Config config) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == SpfCommand.class) {
          return cls.cast(new SpfCommand(in));
        }
        return cls == BounceCommand.class ? cls.cast(new BounceCommand(in)) : defaults.create(cls);
      }
    };
    CommandLine cl = new CommandLine(new Main(config), factory);
    CheckCommand.describeSelector(cl.getSubcommands().get("check").getCommandSpec());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> INCOMPLETE);
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      Messages m = Messages.of(language(a, config));
      InputException input = inputCause(ex);
      if (input != null) {
        // A value our converters refused: their sentence, in the user's language, naming the option.
        String option = ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() + ": " : "";
        c.getErr().println("mailcheck: " + option + input.text(m));
      } else {
        c.getErr().println("mailcheck: " + parseError(ex, m));
      }
      c.getErr().flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof IllegalArgumentException) {
        Messages m = Messages.of(language(parsed.originalArgs().toArray(String[]::new), config));
        c.getErr().println("mailcheck: " + (ex instanceof InputException i ? i.text(m) : Echo.of(ex.getMessage(), 1000)));
        c.getErr().flush();
        return BAD_INPUT;
      }
      c.getErr().println("mailcheck: could not complete: " + Echo.of(ex.getMessage(), 1000));
      if (System.getenv("MAILCHECK_DEBUG") != null) {
        ex.printStackTrace(new PrintWriter(c.getErr(), true));
      }
      c.getErr().flush();
      return INCOMPLETE;
    });
    return cl;
  }

  /**
   * picocli's own refusals (an unknown option, a missing argument, a value an option does not take)
   * in one sentence of the user's language, naming the command whose help lists what is accepted.
   */
  static String parseError(CommandLine.ParameterException ex, Messages m) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return m.get("input.cli.unknown", Echo.of(u.getUnmatched().get(0), 100), command);
    }
    if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
      CommandLine.Model.ArgSpec a = missing.getMissing().get(0);
      String what = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
      return m.get("input.cli.missing", what, command);
    }
    if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o && ex.getValue() != null) {
      List<String> accepted = new ArrayList<>();
      if (o.completionCandidates() != null) {
        o.completionCandidates().forEach(accepted::add);
      }
      return accepted.isEmpty()
          ? m.get("input.cli.bad-value", o.longestName(), Echo.of(ex.getValue(), 100), command)
          : m.get("input.cli.bad-choice", o.longestName(), Echo.of(ex.getValue(), 100), String.join(", ", accepted));
    }
    return Echo.of(ex.getMessage(), 1000) + " (see '" + command + " --help')";
  }

  /** The language bad-input sentences are written in: {@code --lang}, else {@code MAILCHECK_LANG}, else English. */
  static Lang language(String[] args, Config config) {
    for (int i = 0; i < args.length; i++) {
      String v = args[i].startsWith("--lang=") ? args[i].substring(7) : args[i].equals("--lang") && i + 1 < args.length ? args[i + 1] : null;
      if (v != null) {
        try {
          return Lang.of(v);
        } catch (IllegalArgumentException e) {
          return Lang.EN;
        }
      }
    }
    try {
      return config.lang();
    } catch (IllegalArgumentException e) {
      return Lang.EN;
    }
  }

  private static InputException inputCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InputException i) {
        return i;
      }
    }
    return null;
  }

  @Override
  public void run() {
    // No subcommand is a usage error (exit 2), with the usage where errors go.
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, e.g. 'mailcheck demo' or 'mailcheck check example.com'");
  }

  /** The pom's version, written into {@code dev/mailcheck/version.properties} when the build filters resources. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Main.class.getResourceAsStream("/dev/mailcheck/version.properties")) {
        if (in == null) {
          throw new IllegalStateException("version.properties is missing from the build");
        }
        p.load(in);
      }
      return new String[] {"mailcheck " + p.getProperty("version")};
    }
  }
}
