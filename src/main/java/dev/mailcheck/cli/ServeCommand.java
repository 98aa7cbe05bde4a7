package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import dev.mailcheck.smtp.SmtpSettings;
import dev.mailcheck.smtp.SocketSmtpProber;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.slack.AccessPolicy;
import dev.mailcheck.slack.BotHttpServer;
import dev.mailcheck.slack.BotSettings;
import dev.mailcheck.slack.MailcheckBot;
import dev.mailcheck.slack.SlackCallException;
import dev.mailcheck.slack.SlackCredentials;
import dev.mailcheck.slack.SocketModeServer;
import dev.mailcheck.target.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck serve}: the Slack bot. Socket Mode when {@code SLACK_APP_TOKEN} is set (no
 * public URL needed), HTTP mode with {@code --http} ({@code POST /slack/events}, verified with
 * {@code SLACK_SIGNING_SECRET}). Both serve {@code /healthz} and {@code /metrics} on {@code --port}.
 * On SIGTERM in-flight runs finish, or their threads say they were interrupted, before exit.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Runs the Slack bot (/mailcheck).",
        "Socket Mode when SLACK_APP_TOKEN is set, HTTP mode with --http (needs SLACK_SIGNING_SECRET). SLACK_BOT_TOKEN is always needed."})
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--http", description = "HTTP mode: Slack posts to POST /slack/events on --port.")
  boolean http;

  @Option(names = "--socket-mode", description = "Socket Mode (the default when SLACK_APP_TOKEN is set).")
  boolean socketMode;

  @Option(names = "--port", defaultValue = "3000",
      description = "HTTP mode: the port for /slack/events, /healthz and /metrics; Socket Mode: for /healthz and /metrics (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--admin-port", paramLabel = "PORT",
      description = "Serve /healthz and /metrics on this port instead of --port, so the port Slack reaches carries only /slack/events (0 picks a free one).")
  Integer adminPort;

  @Option(names = "--admin-bind", defaultValue = "127.0.0.1", description = "Address for --admin-port (default ${DEFAULT-VALUE}).")
  String adminBind;

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--skip", paramLabel = "LIST", completionCandidates = SkipNames.class,
      description = "Checks or probes to leave out, comma-separated, any of: ${COMPLETION-CANDIDATES} (also MAILCHECK_SKIP).")
  String skip;

  @Option(names = "--lang", paramLabel = "LANG", description = "Answer everyone in this language, whatever their Slack locale (en or ko; also MAILCHECK_LANG). Unset: Korean for users whose Slack language is Korean, else English.")
  String lang;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "20s", description = "Deadline of each run, at most 1h (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-runs", defaultValue = "8", description = "Runs at once (default ${DEFAULT-VALUE}).")
  int maxRuns;

  @Option(names = "--queue", defaultValue = "64", description = "Runs waiting for a slot before commands are told to retry (default ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--per-user", defaultValue = "5", description = "Runs one user may start per minute (default ${DEFAULT-VALUE}).")
  int perUser;

  @Option(names = "--grace", converter = DurationConverter.class, defaultValue = "30s",
      description = "On SIGTERM, how long in-flight runs may take to finish, at most 1h (default ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--command", defaultValue = "/mailcheck", description = "The slash command as installed (default ${DEFAULT-VALUE}).")
  String command;

  /** The environment, replaceable by tests that start the command in-process. */
  Map<String, String> env = System.getenv();

  /** Counted down once the bot is listening (tests wait on it); then the command blocks until stopped. */
  final CountDownLatch ready = new CountDownLatch(1);
  final CountDownLatch stop = new CountDownLatch(1);
  volatile BotHttpServer httpServer;
  /** Where /healthz and /metrics are served: {@link #httpServer} unless --admin-port is given. */
  volatile BotHttpServer adminServer;

  @Override
  public Integer call() throws Exception {
    Config config = new Config(env);
    if (config.get("SLACK_BOT_TOKEN") == null) {
      throw new InputException("input.serve.bot-token-missing");
    }
    SlackCredentials credentials = new SlackCredentials(config.get("SLACK_BOT_TOKEN"), config.get("SLACK_SIGNING_SECRET"),
        config.get("SLACK_APP_TOKEN"), config.get("SLACK_API_URL"));
    boolean useSocket = socketMode || (!http && credentials.appToken() != null);
    if (http && socketMode) {
      throw new InputException("input.serve.mode-both");
    }
    if (!useSocket && !http) {
      throw new InputException("input.serve.mode-none");
    }
    if (!useSocket && credentials.signingSecret() == null) {
      throw new InputException("input.serve.signing-secret");
    }
    ServeChecks.check(config, useSocket, port, bind, adminPort, adminBind, command, timeout, maxRuns, queue, perUser);
    // A bad MAILCHECK_DNSBL, DQS key or scan limit is one sentence now, not an error in every run later.
    dev.mailcheck.slack.ScanSettings scans = dev.mailcheck.slack.ScanSettings.from(config::get);
    // Set by the operator, the language is everyone's; unset, each user gets their Slack locale's.
    Lang language = lang != null ? Lang.of(lang) : config.get("MAILCHECK_LANG") != null ? config.lang() : null;
    Set<String> skipped = skip != null ? Config.parseSkip(skip, "--skip") : config.skip();
    BotSettings settings = new BotSettings(command, dns.select(config, spec.commandLine()), skipped, language, config.allowPrivate(),
        AccessPolicy.of(config.get("MAILCHECK_ALLOWED_CHANNELS"), config.get("MAILCHECK_ALLOWED_USERS")), timeout,
        maxRuns, queue, perUser, Duration.ofMinutes(1), grace).withScan(scans);
    PrintWriter out = spec.commandLine().getOut();
    MailcheckBot bot = new MailcheckBot(credentials, settings, dev.mailcheck.check.ProbeSettings.from(config),
        new SocketSmtpProber(SmtpSettings.from(config)));
    try {
      bot.start();
    } catch (SlackCallException e) {
      bot.close();
      if (e.isTransient()) {
        throw new IllegalStateException("could not reach Slack at " + credentials.apiUrl() + " (auth.test: " + e.error() + ").");
      }
      throw new IllegalArgumentException("Slack did not accept the bot token (auth.test: " + e.error() + ").");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    BotHttpServer server;
    BotHttpServer admin = null;
    // Which port is being bound, so that one taken meanwhile is named in the sentence.
    boolean bindingAdmin = adminPort != null && useSocket;
    try {
      if (adminPort == null) {
        server = useSocket ? BotHttpServer.healthOnly(bot, address) : BotHttpServer.http(bot, address);
      } else if (useSocket) {
        server = BotHttpServer.healthOnly(bot, new InetSocketAddress(adminBind, adminPort));
      } else {
        server = BotHttpServer.slackOnly(bot, address);
        bindingAdmin = true;
        try {
          admin = BotHttpServer.admin(bot, new InetSocketAddress(adminBind, adminPort), "http");
        } catch (IOException e) {
          server.close();
          throw e;
        }
      }
    } catch (java.net.BindException e) {
      bot.close();
      throw bindingAdmin ? ServeChecks.inUse(adminPort, adminBind, "--admin-port") : ServeChecks.inUse(port, bind, "--port");
    } catch (IOException e) {
      bot.close();
      throw e;
    }
    httpServer = server;
    adminServer = admin != null ? admin : server;
    BotHttpServer adminHttp = admin;
    SocketModeServer socket = null;
    try {
      if (useSocket) {
        socket = SocketModeServer.start(bot, credentials.appToken());
        // With --admin-port the health server listens on the admin address, not --bind.
        String healthHost = adminPort == null ? bind : adminBind;
        out.println("mailcheck serve: Socket Mode connected; health on http://" + healthHost + ":" + server.port() + "/healthz");
      } else {
        out.println("mailcheck serve: HTTP mode on http://" + bind + ":" + server.port() + "/slack/events"
            + (adminHttp == null ? " (health: /healthz)" : "; health on http://" + adminBind + ":" + adminHttp.port() + "/healthz"));
      }
      out.flush();
    } catch (Exception e) {
      server.close();
      if (adminHttp != null) {
        adminHttp.close();
      }
      bot.close();
      throw e;
    }
    SocketModeServer socketServer = socket;
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mailcheck-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ready.countDown();
    stop.await();
    // In-flight runs finish (or are marked interrupted) while Slack can still reach us.
    bot.shutdown(grace);
    if (socketServer != null) {
      try {
        socketServer.close();
      } catch (Exception e) {
        spec.commandLine().getErr().println("mailcheck serve: closing the Socket Mode connection: " + e.getMessage());
      }
    }
    server.close();
    if (adminHttp != null) {
      adminHttp.close();
    }
    bot.close();
    out.println("mailcheck serve: stopped");
    out.flush();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is the one waiting for us, and the JVM ends when it returns.
    }
    stopped.countDown();
    return Main.OK;
  }

}
