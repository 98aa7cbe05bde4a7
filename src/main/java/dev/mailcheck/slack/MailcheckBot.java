package dev.mailcheck.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.TargetParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack bot: a Bolt {@link App} whose handlers acknowledge at once and hand the work to
 * executors. Slash commands become {@link CheckRun}s on a bounded pool with a per-user limit;
 * the Re-run and Show DNS queries buttons and the App Home are handled here too. Transport (HTTP
 * or Socket Mode) is someone else's job: they feed {@link #app()}.
 */
public final class MailcheckBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailcheckBot.class);

  private static final int BOLT_START_ATTEMPTS = 5;

  private final BotSettings settings;
  private final App app;
  private final Publisher publisher;
  private final Engine engine;
  private final BotMetrics metrics = new BotMetrics();
  private final UserLocales locales;
  private final UserRateLimit perUser;
  private final RecentChecks recent = new RecentChecks();
  private final ReportStore reports = new ReportStore(500);
  private final TargetParser parser;
  private final ExecutorService intake = Executors.newVirtualThreadPerTaskExecutor();
  private final ThreadPoolExecutor pool;
  private final Set<CheckRun> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private volatile String botUserId = "mailcheck";

  /** A bot whose runs talk no SMTP (the SMTP check does not run): for tests of the Slack side. */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings) {
    this(credentials, settings, null);
  }

  /**
   * @param smtp the SMTP probe of the runs ({@code MAILCHECK_SMTP_PORT}, {@code MAILCHECK_TRUSTSTORE},
   *     {@code MAILCHECK_ALLOW_PRIVATE}), or null for none
   */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings, dev.mailcheck.smtp.SmtpProber smtp) {
    this.settings = settings;
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(credentials.apiUrl());
    // No per-team call statistics: they call auth.test on their own and keep background threads.
    config.setStatsEnabled(false);
    Slack slack = Slack.getInstance(config);
    AppConfig.AppConfigBuilder ac = AppConfig.builder()
        .slack(slack)
        .singleTeamBotToken(credentials.botToken())
        .requestVerificationEnabled(credentials.signingSecret() != null)
        // Bolt asks auth.test before it runs a handler whenever its cached answer is missing or
        // older than its expiry; a 429 there fails the request and the command is lost. The token's
        // identity does not change while we run, so the answer fetched at start is kept for good.
        .authTestCacheEnabled(true)
        .authTestCacheExpirationMillis(-1);
    if (credentials.signingSecret() != null) {
      ac.signingSecret(credentials.signingSecret());
    }
    this.app = new App(ac.build());
    this.publisher = new Publisher(new WebApiClient(credentials.apiUrl(), credentials.botToken()), metrics);
    Engine dnsOnly = new Engine(DnsSettings.of(settings.dns()));
    this.engine = smtp == null ? dnsOnly : dnsOnly.withSmtp(smtp);
    this.locales = new UserLocales(publisher.api(), settings.forcedLang(), UserLocales.LOOKUP_TIMEOUT);
    this.perUser = new UserRateLimit(settings.perUserRuns(), settings.perUserWindow(), Clock.systemUTC());
    this.parser = new TargetParser(settings.allowPrivate());
    this.pool = new ThreadPoolExecutor(settings.maxConcurrentRuns(), settings.maxConcurrentRuns(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, settings.maxQueuedRuns())), Thread.ofVirtual().name("mailcheck-run-", 0).factory());
    register();
  }

  private void register() {
    String command = settings.command();
    app.command(Pattern.compile("^" + Pattern.quote(command) + "$"), (req, ctx) -> {
      metrics.commands.increment();
      SlashCommandPayload p = req.getPayload();
      intake.execute(() -> onCommand(p));
      return ctx.ack();
    });
    app.blockAction(SlackRenderer.ACTION_RERUN, (req, ctx) -> {
      BlockActionPayload p = req.getPayload();
      intake.execute(() -> onRerun(p));
      return ctx.ack();
    });
    app.blockAction(SlackRenderer.ACTION_DNS, (req, ctx) -> {
      BlockActionPayload p = req.getPayload();
      intake.execute(() -> onShowQueries(p));
      return ctx.ack();
    });
    app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
      AppHomeOpenedEvent e = payload.getEvent();
      if ("home".equals(e.getTab()) || e.getTab() == null) {
        intake.execute(() -> publishHome(e.getUser()));
      }
      return ctx.ack();
    });
  }

  /** Learns the bot's own user ID (for the /invite hint); a bad token fails here, at start. */
  public SlackApi.Identity start() throws SlackCallException {
    SlackApi.Identity id = publisher.call(() -> publisher.api().authTest());
    botUserId = id.userId();
    warmBolt();
    LOG.info("Connected to Slack as {} ({}) in {}", id.user(), id.userId(), id.team());
    return id;
  }

  /**
   * Starts Bolt now, so its one auth.test happens here (where a rate limit is waited out) and not
   * in front of the first command. Bolt reports any auth.test failure as IllegalArgumentException.
   */
  private void warmBolt() throws SlackCallException {
    for (int attempt = 1; ; attempt++) {
      try {
        app.start();
        return;
      } catch (IllegalArgumentException e) {
        if (attempt >= BOLT_START_ATTEMPTS) {
          throw new SlackCallException("auth.test", "Bolt could not start: " + e.getMessage(), null, true);
        }
        LOG.info("Bolt's auth.test failed ({}); trying again", e.getMessage());
        try {
          Thread.sleep(1000L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new SlackCallException("auth.test", "interrupted", null, false);
        }
      }
    }
  }

  public App app() {
    return app;
  }

  public BotMetrics metrics() {
    return metrics;
  }

  public BotSettings settings() {
    return settings;
  }

  Publisher publisher() {
    return publisher;
  }

  Engine engine() {
    return engine;
  }

  ReportStore reports() {
    return reports;
  }

  RecentChecks recent() {
    return recent;
  }

  ExecutorService intake() {
    return intake;
  }

  String botUserId() {
    return botUserId;
  }

  public int activeRuns() {
    return pool.getActiveCount();
  }

  public int queuedRuns() {
    return pool.getQueue().size();
  }

  /** Socket Mode only: whether the WebSocket to Slack is open; null in HTTP mode. */
  private volatile java.util.function.BooleanSupplier socketState;

  void socketState(java.util.function.BooleanSupplier state) {
    this.socketState = state;
  }

  /** "connected" or "disconnected" in Socket Mode; null in HTTP mode, where Slack connects to us. */
  public String socketMode() {
    java.util.function.BooleanSupplier s = socketState;
    return s == null ? null : s.getAsBoolean() ? "connected" : "disconnected";
  }

  public boolean closing() {
    return closing;
  }

  private SlackRenderer renderer(Lang lang) {
    return new SlackRenderer(lang, settings.command());
  }

  /**
   * An ephemeral reply through a response_url. Slack honours a response_url for 30 minutes and
   * five uses; when it refuses one, the reply goes by chat.postEphemeral to the same user in the
   * same channel instead.
   */
  void respond(String responseUrl, String channel, String user, SlackMessage message) {
    try {
      if (responseUrl == null || responseUrl.isBlank()) {
        throw new SlackCallException("response_url", "no response_url", null, false);
      }
      publisher.call(() -> {
        publisher.api().respond(responseUrl, message);
        return null;
      });
    } catch (SlackCallException e) {
      if (channel == null || user == null) {
        LOG.warn("could not answer through the response URL: {}", e.error());
        return;
      }
      try {
        publisher.call(() -> {
          publisher.api().postEphemeral(channel, user, message);
          return null;
        });
      } catch (SlackCallException again) {
        LOG.warn("could not answer the user ephemerally: {} / {}", e.error(), again.error());
      }
    }
  }

  private void onCommand(SlashCommandPayload p) {
    try {
      SlackRenderer r = renderer(locales.langOf(p.getUserId()));
      Origin here = new Origin(p.getChannelId(), p.getChannelName());
      begin(p.getText(), p.getUserId(), p.getUserName(), here, here, p.getResponseUrl(), r);
    } catch (RuntimeException e) {
      LOG.error("handling a command failed", e);
    }
  }

  /**
   * Decides what a command (or a Re-run click) gets: help, a refusal, a sentence, or a run. Access
   * is checked against {@code origin}, the channel the check was first asked for in; the run posts
   * in {@code here}, where it is asked for now.
   */
  private void begin(String text, String user, String userName, Origin here, Origin origin, String responseUrl, SlackRenderer r) {
    String channel = here.id();
    if (closing) {
      respond(responseUrl, channel, user, r.sentence("slack.shutting-down"));
      return;
    }
    SlashCommand cmd = SlashCommand.parse(text, parser, Messages.of(r.lang()));
    if (cmd instanceof SlashCommand.Help h) {
      respond(responseUrl, channel, user, r.help(h.unknownWord()));
      return;
    }
    AccessPolicy.Refusal refusal = settings.access().check(origin.id(), origin.name(), user, userName);
    if (refusal != null) {
      metrics.refusedAccess.increment();
      respond(responseUrl, channel, user, refusal.arg() == null ? r.sentence(refusal.key()) : r.sentence(refusal.key(), refusal.arg()));
      return;
    }
    if (cmd instanceof SlashCommand.Invalid inv) {
      respond(responseUrl, channel, user, r.said(inv.sentence()));
      return;
    }
    SlashCommand.Run run = (SlashCommand.Run) cmd;
    Duration wait = perUser.tryAcquire(user);
    if (wait != null) {
      metrics.refusedUserLimit.increment();
      respond(responseUrl, channel, user, r.sentence("slack.user-limit", perUser.limit(), perUser.window().toSeconds(), seconds(wait)));
      return;
    }
    CheckRun checkRun = new CheckRun(this, run, user, channel, origin, responseUrl, r);
    inFlight.add(checkRun);
    try {
      pool.execute(checkRun);
    } catch (RejectedExecutionException e) {
      inFlight.remove(checkRun);
      // Not run, so not counted against the user's limit.
      perUser.release(user);
      if (closing) {
        respond(responseUrl, channel, user, r.sentence("slack.shutting-down"));
        return;
      }
      metrics.refusedBusy.increment();
      respond(responseUrl, channel, user, r.sentence("slack.busy", pool.getActiveCount() + pool.getQueue().size(),
          seconds(settings.runTimeout())));
    }
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  void finished(CheckRun run) {
    inFlight.remove(run);
  }

  private void onRerun(BlockActionPayload p) {
    try {
      String user = p.getUser().getId();
      SlackRenderer r = renderer(locales.langOf(user));
      String channel = p.getChannel() != null ? p.getChannel().getId() : p.getContainer().getChannelId();
      Origin here = new Origin(channel, p.getChannel() == null ? null : p.getChannel().getName());
      RerunValue value = RerunValue.parse(p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue());
      begin(value.command(), user, p.getUser().getUsername(), here, value.origin() == null ? here : value.origin(), p.getResponseUrl(), r);
    } catch (RuntimeException e) {
      LOG.error("handling Re-run failed", e);
    }
  }

  private void onShowQueries(BlockActionPayload p) {
    try {
      String runId = p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue();
      ReportStore.Stored e = reports.get(runId);
      if (e == null) {
        respond(p.getResponseUrl(), p.getChannel() == null ? null : p.getChannel().getId(), p.getUser().getId(),
            renderer(locales.langOf(p.getUser().getId())).sentence("slack.dns.expired"));
        return;
      }
      publisher.thread(e.channel(), e.threadTs()).reply(renderer(e.lang()).queries(e.report().dnsQueries()));
    } catch (RuntimeException ex) {
      LOG.error("handling Show DNS queries failed", ex);
    }
  }

  private void publishHome(String user) {
    try {
      SlackRenderer r = renderer(locales.langOf(user));
      String view = r.home(recent.of(user));
      publisher.call(() -> {
        publisher.api().publishHome(user, view);
        return null;
      });
    } catch (SlackCallException e) {
      LOG.warn("views.publish failed: {}", e.error());
    } catch (RuntimeException e) {
      LOG.error("publishing the App Home failed", e);
    }
  }

  /**
   * Stops taking commands, lets in-flight runs finish within {@code grace}, and marks the rest
   * interrupted (their threads say so). Runs still queued are told at once that they were not run.
   */
  public void shutdown(Duration grace) {
    if (closing) {
      return;
    }
    closing = true;
    LOG.info("Stopping: {} run(s) in progress, {} queued", pool.getActiveCount(), pool.getQueue().size());
    List<Runnable> queued = new ArrayList<>();
    pool.getQueue().drainTo(queued);
    List<CompletableFuture<Void>> notes = new ArrayList<>();
    for (Runnable q : queued) {
      if (q instanceof CheckRun run) {
        notes.add(run.interrupt());
        inFlight.remove(run);
      }
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        for (CheckRun run : inFlight) {
          notes.add(run.interrupt());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inFlight.forEach(run -> notes.add(run.interrupt()));
    }
    try {
      CompletableFuture.allOf(notes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("some interruption notes could not be posted: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Stopped: {} run(s) completed, {} interrupted", metrics.runsCompleted.sum(), metrics.runsInterrupted.sum());
  }

  /** Counters and gauges for /healthz and /metrics. */
  public Map<String, Long> stats() {
    Map<String, Long> s = new java.util.LinkedHashMap<>();
    s.put("runs_active", (long) pool.getActiveCount());
    s.put("runs_queued", (long) pool.getQueue().size());
    s.putAll(metrics.snapshot());
    return s;
  }

  @Override
  public void close() {
    shutdown(settings.shutdownGrace());
    // Runs past their grace still post their verdict or "interrupted" note: Slack's rate limits are
    // no longer waited out, and the runs get a bounded time to hand their last posts over before
    // the publisher drains its queue and stops.
    publisher.stopping();
    try {
      if (!pool.awaitTermination(Publisher.DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} run(s) were still posting when the bot stopped", pool.getActiveCount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    intake.shutdown();
    try {
      intake.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
  }
}
