package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} of a running bot (fake Slack and DNS on loopback) after one command, read the
 * way Prometheus reads it: every line parses as the text format, and the series an operator
 * queries carry the values the command produced.
 */
@Timeout(60)
class MetricsEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** A sample line of the text format: name, optional labels, a number (Prometheus text 0.0.4). */
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)");

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void scrapeAfterACommandShowsTheRunItsTimesAndTheJvm() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      assertEquals(200, h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl()).statusCode());
      Eventually.await(() -> h.bot.metrics().runsCompleted.sum() == 1 && h.bot.activeRuns() == 0, WAIT, "the run completed");

      // Gauges must survive a collection (Micrometer holds their objects weakly unless told otherwise).
      System.gc();
      HttpResponse<String> r = scrape(h, null);
      assertEquals(200, r.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
      Map<String, Double> m = parse(r.body());

      assertEquals(1.0, m.get("mailcheck_commands_total"));
      assertEquals(1.0, m.get("mailcheck_runs_started_total"));
      assertEquals(1.0, m.get("mailcheck_runs_completed_total"));
      assertEquals(0.0, m.get("mailcheck_runs_interrupted_total"));
      assertEquals(0.0, m.get("mailcheck_runs_failed_total"));
      assertEquals(0.0, m.get("mailcheck_runs_active"));
      assertEquals(0.0, m.get("mailcheck_runs_queued"));
      // Run time: one observation, in the +Inf bucket and in the count, with a positive sum.
      assertEquals(1.0, m.get("mailcheck_run_duration_seconds_count"));
      assertEquals(1.0, m.get("mailcheck_run_duration_seconds_bucket{le=\"+Inf\"}"));
      assertTrue(m.get("mailcheck_run_duration_seconds_sum") > 0);
      assertTrue(m.get("mailcheck_ack_duration_seconds_count") >= 1);
      assertTrue(m.get("mailcheck_slack_call_duration_seconds_count{method=\"chat.postMessage\",outcome=\"ok\"}") >= 2,
          "the parent and at least one thread reply: " + r.body());
      assertEquals(1.0, m.get("mailcheck_slack_call_duration_seconds_count{method=\"chat.update\",outcome=\"ok\"}"));
      assertTrue(m.get("mailcheck_dns_questions_total{outcome=\"NOERROR\"}") > 0, r.body());
      assertTrue(m.get("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") != null
          || m.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\"")), "heap in use");
      assertTrue(m.get("jvm_threads_live_threads") > 0);
      assertTrue(m.get("jvm_classes_loaded_classes") > 0);
      assertTrue(m.get("process_resident_memory_bytes") > 0);
      assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("jvm_gc_")), "GC metrics");

      // The counters on /healthz are the same numbers.
      assertEquals(1L, h.bot.stats().get("runs_completed"));
    }
  }

  @Test
  void openMetricsWhenTheScraperAsksForIt() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      HttpResponse<String> r = scrape(h, "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"), r.headers().toString());
      assertTrue(r.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
      assertTrue(r.body().contains("mailcheck_runs_started_total 0"), r.body());
    }
  }

  private HttpResponse<String> scrape(BotHarness h, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.http.port() + "/metrics")).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every sample by its series (name and labels as written); fails on a line that is not the text format. */
  static Map<String, Double> parse(String body) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher mm = SAMPLE.matcher(line);
      assertTrue(mm.matches(), "not Prometheus text format: " + line);
      String v = mm.group(2);
      out.put(mm.group(1), v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v));
    }
    return out;
  }
}
