package dev.mailcheck.slack;

import dev.mailcheck.report.Report;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What the bot counts and times, for {@code /healthz} (the counters as JSON) and {@code /metrics}
 * (everything, in Prometheus text format through Micrometer's Prometheus registry). Counters stay
 * plain {@link LongAdder}s at their call sites; the registry reads them when scraped. Histograms
 * have fixed buckets sized for what each measures, so {@code histogram_quantile} works in PromQL.
 */
public final class BotMetrics implements AutoCloseable {
  public final LongAdder commands = new LongAdder();
  public final LongAdder runsStarted = new LongAdder();
  public final LongAdder runsCompleted = new LongAdder();
  public final LongAdder runsInterrupted = new LongAdder();
  /** Runs whose verdict Slack would not take as an update of the first message (posted as a reply instead). */
  public final LongAdder runsVerdictMoved = new LongAdder();
  /** Runs that ended without a verdict: Slack refused the first post for good, or the run failed inside. */
  public final LongAdder runsFailed = new LongAdder();
  public final LongAdder refusedBusy = new LongAdder();
  public final LongAdder refusedUserLimit = new LongAdder();
  public final LongAdder refusedAccess = new LongAdder();
  public final LongAdder dmFallbacks = new LongAdder();
  public final LongAdder slackCalls = new LongAdder();
  public final LongAdder rateLimited = new LongAdder();
  public final LongAdder retries = new LongAdder();
  public final LongAdder failedCalls = new LongAdder();
  public final LongAdder plainFallbacks = new LongAdder();
  public final LongAdder badSignatures = new LongAdder();
  /** Posts whose request may have reached Slack when it failed (a dropped connection, a timeout, a 5xx). */
  public final LongAdder ambiguousPosts = new LongAdder();
  /** Of those, posts found in the conversation: Slack had them, so they were not posted again. */
  public final LongAdder postsFoundAfterFailure = new LongAdder();
  /** Of those, posts Slack did not have, posted again. */
  public final LongAdder postsSentAgain = new LongAdder();

  private static final String PREFIX = "mailcheck.";
  /** Prometheus text format 0.0.4: what a scraper gets unless it asks for OpenMetrics. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, LongAdder> counters = new LinkedHashMap<>();
  private final Timer ackTime;
  private final Timer runTime;
  private JvmGcMetrics gc;

  public BotMetrics() {
    counter("commands", commands, "Slash commands and DMs taken as check requests");
    counter("runs_started", runsStarted, "Check runs that began working");
    counter("runs_completed", runsCompleted, "Runs whose verdict replaced their first message");
    counter("runs_interrupted", runsInterrupted, "Runs cut short because the bot was stopping");
    counter("runs_verdict_not_updated", runsVerdictMoved, "Runs whose verdict went into the thread or a DM because Slack refused the update");
    counter("runs_failed", runsFailed, "Runs that ended without a verdict (Slack refused for good, or an internal error)");
    counter("refused_busy", refusedBusy, "Requests refused because the queue was full");
    counter("refused_user_limit", refusedUserLimit, "Requests refused by the per-user rate limit");
    counter("refused_access", refusedAccess, "Requests refused by the access policy");
    counter("dm_fallbacks", dmFallbacks, "Runs moved to a DM because the channel refused the bot");
    counter("slack_calls", slackCalls, "Slack Web API calls attempted");
    counter("slack_rate_limited", rateLimited, "Slack answers that were rate limits");
    counter("slack_retries", retries, "Slack calls tried again after a transient failure");
    counter("slack_failed_calls", failedCalls, "Slack calls that failed for good");
    counter("slack_plain_fallbacks", plainFallbacks, "Messages sent as plain text after Slack refused their blocks");
    counter("bad_signatures", badSignatures, "Requests with a missing or wrong Slack signature");
    counter("slack_ambiguous_posts", ambiguousPosts, "Posts that failed in a way Slack may have acted on");
    counter("slack_posts_found_after_failure", postsFoundAfterFailure, "Ambiguous posts found in the conversation, not posted again");
    counter("slack_posts_sent_again", postsSentAgain, "Ambiguous posts Slack did not have, posted again");
    ackTime = Timer.builder(PREFIX + "ack.duration")
        .description("From a Slack request reaching the bot's HTTP handler to its answer sent")
        .serviceLevelObjectives(ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500))
        .register(registry);
    runTime = Timer.builder(PREFIX + "run.duration")
        .description("A check run from its start to its verdict posted")
        .serviceLevelObjectives(ms(250), ms(500), ms(1000), ms(2000), ms(5000), ms(10_000), ms(20_000), ms(30_000), ms(60_000),
            ms(120_000), ms(300_000))
        .register(registry);
  }

  private void counter(String name, LongAdder adder, String description) {
    counters.put(name, adder);
    FunctionCounter.builder(PREFIX + name, adder, LongAdder::doubleValue).description(description).register(registry);
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }

  /** Adds the JVM's own metrics (memory, GC, threads, class loading, CPU, uptime, file descriptors). */
  public BotMetrics withJvmMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    // Resident memory is what the host sees (heap, metaspace, thread stacks, direct buffers); Linux only.
    Gauge.builder("process.resident.memory", () -> BotHttpServer.Memory.read().getOrDefault("resident_bytes", 0L))
        .description("Resident set size of the bot process (VmRSS)")
        .baseUnit("bytes")
        .register(registry);
    return this;
  }

  /**
   * Runs working now and runs waiting for a slot, read when scraped. The suppliers are held
   * strongly: Micrometer holds a gauge's object weakly by default, and a method reference nobody
   * else keeps would be collected, leaving the gauge at NaN after the first GC.
   */
  public void gauges(IntSupplier active, IntSupplier queued) {
    Gauge.builder(PREFIX + "runs_active", active, s -> s.getAsInt()).description("Runs working now").strongReference(true).register(registry);
    Gauge.builder(PREFIX + "runs_queued", queued, s -> s.getAsInt()).description("Runs waiting for a free slot").strongReference(true)
        .register(registry);
  }

  /** One Slack request answered by the HTTP endpoint. */
  public void acked(long nanos) {
    ackTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One run ended (whatever its outcome). */
  public void ran(long nanos) {
    runTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One HTTP call to Slack: {@code method} is the Web API method (or {@code response_url}),
   * {@code outcome} {@code ok}, {@code http_error} (any other status) or {@code network} (no answer).
   */
  public void slackCall(String method, String outcome, long nanos) {
    Timer.builder(PREFIX + "slack_call.duration")
        .description("One HTTP call to Slack, by Web API method and outcome")
        .tags("method", method, "outcome", outcome)
        .serviceLevelObjectives(ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000), ms(10_000))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The DNS questions a run asked on the wire, counted by outcome (NOERROR, NXDOMAIN, TIMEOUT, …). */
  public void dnsQuestions(List<Report.DnsQuery> queries) {
    for (Report.DnsQuery q : queries) {
      Counter.builder(PREFIX + "dns_questions")
          .description("DNS questions asked on the wire by check runs, by outcome")
          .tag("outcome", q.outcome() == null ? "unknown" : q.outcome().toUpperCase(Locale.ROOT))
          .register(registry)
          .increment();
    }
  }

  /**
   * Everything in the format the scraper asked for: OpenMetrics when its {@code Accept} names
   * {@code application/openmetrics-text}, else Prometheus text 0.0.4.
   */
  public Scrape scrape(String accept) {
    String type = accept != null && accept.contains("application/openmetrics-text")
        ? OPENMETRICS
        : PROMETHEUS_TEXT;
    return new Scrape(type, registry.scrape(type));
  }

  /** A scrape's body and the content type it is written in. */
  public record Scrape(String contentType, String body) {}

  /** Every counter by its metric name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    counters.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
