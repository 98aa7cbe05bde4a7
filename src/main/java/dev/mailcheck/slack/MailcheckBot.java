package dev.mailcheck.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.check.ProbeSettings;
import dev.mailcheck.slack.listeners.Listeners;
import dev.mailcheck.smtp.SmtpProber;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack bot: builds the Bolt {@link App}, registers the listeners (one class per kind of
 * Slack input, in {@code slack.listeners}), and owns start and stop. Transport (HTTP or Socket
 * Mode) is someone else's job: they feed {@link #app()}.
 */
public final class MailcheckBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailcheckBot.class);

  private static final int BOLT_START_ATTEMPTS = 5;

  private final BotSettings settings;
  private final App app;
  private final Publisher publisher;
  private final BotMetrics metrics = new BotMetrics().withJvmMetrics();
  private final Admission admission;
  private final BotServices services;
  private final ExecutorService intake = Executors.newVirtualThreadPerTaskExecutor();
  private final AutoCloseable apiClient;
  /** Socket Mode only: whether the WebSocket to Slack is open; null in HTTP mode. */
  private volatile BooleanSupplier socketState;

  /** A bot whose runs talk no SMTP (the SMTP check does not run): for tests of the Slack side. */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings) {
    this(credentials, settings, new WebApiClient(credentials.apiUrl(), credentials.botToken()));
  }

  /** With the Web API client given (tests: one with a short call timeout); runs talk no SMTP. */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings, SlackApi api) {
    this(credentials, settings, api, ProbeSettings.allowingPrivate(settings.allowPrivate()), null);
  }

  /**
   * @param probes how checks beyond DNS reach the outside (HTTP guard and trust, RDAP base URL)
   * @param smtp the SMTP probe of the runs ({@code MAILCHECK_SMTP_PORT}, {@code MAILCHECK_TRUSTSTORE},
   *     {@code MAILCHECK_ALLOW_PRIVATE}), or null for none
   */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings, ProbeSettings probes, SmtpProber smtp) {
    this(credentials, settings, new WebApiClient(credentials.apiUrl(), credentials.botToken()), probes, smtp);
  }

  /**
   * @param api the Slack Web API client
   * @param probes how checks beyond DNS reach the outside (HTTP guard and trust, RDAP base URL)
   * @param smtp the SMTP probe of the runs, or null for none (then no check talks SMTP)
   */
  public MailcheckBot(SlackCredentials credentials, BotSettings settings, SlackApi api, ProbeSettings probes,
      SmtpProber smtp) {
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
    this.apiClient = api instanceof WebApiClient w ? w::close : () -> {};
    if (api instanceof WebApiClient w) {
      w.observe(metrics::slackCall);
    }
    this.publisher = new Publisher(api, metrics);
    this.admission = new Admission(settings, metrics, Clock.systemUTC());
    metrics.gauges(admission::activeRuns, admission::queuedRuns);
    UserLocales locales = new UserLocales(api, settings.forcedLang(), UserLocales.LOOKUP_TIMEOUT);
    Engine engine = new Engine(DnsSettings.of(settings.dns()), probes)
        .withTrustAnchors(dev.mailcheck.dnssec.TrustAnchors.from(dev.mailcheck.config.Config.fromEnvironment()))
        .withSmtp(smtp);
    this.services = new BotServices(settings, publisher, engine, metrics, locales, admission, intake);
    Listeners.register(app, services);
  }

  /** Learns the bot's own user ID (for the /invite hint); a bad token fails here, at start. */
  public SlackApi.Identity start() throws SlackCallException {
    SlackApi.Identity id = publisher.call(() -> publisher.api().authTest());
    services.botUserId(id.userId());
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

  public int activeRuns() {
    return admission.activeRuns();
  }

  public int queuedRuns() {
    return admission.queuedRuns();
  }

  void socketState(BooleanSupplier state) {
    this.socketState = state;
  }

  /** "connected" or "disconnected" in Socket Mode; null in HTTP mode, where Slack connects to us. */
  public String socketMode() {
    BooleanSupplier s = socketState;
    return s == null ? null : s.getAsBoolean() ? "connected" : "disconnected";
  }

  public boolean closing() {
    return admission.closing();
  }

  /**
   * Stops taking commands, lets in-flight runs finish within {@code grace}, and marks the rest
   * interrupted (their threads say so). Runs still queued are told at once that they were not run.
   */
  public void shutdown(Duration grace) {
    admission.shutdown(grace);
  }

  /** Counters and gauges for /healthz and /metrics. */
  public Map<String, Long> stats() {
    Map<String, Long> s = new java.util.LinkedHashMap<>();
    s.put("runs_active", (long) admission.activeRuns());
    s.put("runs_queued", (long) admission.queuedRuns());
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
    admission.awaitRuns(Publisher.DRAIN_WAIT);
    intake.shutdown();
    try {
      intake.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    metrics.close();
    try {
      apiClient.close();
    } catch (Exception e) {
      LOG.debug("closing the Web API client: {}", e.toString());
    }
  }
}
