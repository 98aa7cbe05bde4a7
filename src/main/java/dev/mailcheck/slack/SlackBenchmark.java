package dev.mailcheck.slack;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.TargetParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's benchmark, everything on loopback in this process: a DNS world with latency injected
 * into every answer, {@link LoopbackSlack} as the Web API, the real bot behind its HTTP endpoint.
 * Measures (1) ack latency of signed slash commands at {@code POST /slack/events}, sent one after
 * another while earlier runs are still working, and (2) a burst of concurrent commands: that every
 * run completes with every finding posted in its thread, how long the burst takes, and the
 * process's resident memory meanwhile (VmRSS sampled, VmHWM at the end, from /proc/self/status).
 * The figures include the DNS server and the Slack stand-in, which live in the same process.
 */
public final class SlackBenchmark {
  private static final String SECRET = "bench-signing-secret";

  /** What to measure. */
  public record Options(int ackRequests, int warmup, int burst, Duration latency, int maxRuns) {}

  /** The figures. */
  public record Result(
      int ackRequests, double ackP50Ms, double ackP99Ms, double ackMaxMs,
      int burstRuns, int burstCompleted, long burstWallMs, int findingsExpected, int findingsPosted,
      long peakRssBytes, long hwmBytes, long rateLimited, long failedCalls) {}

  private final DnsWorld world;
  private final List<String> targets;

  /** @param targets the targets commands cycle through; all must resolve in {@code world} */
  public SlackBenchmark(DnsWorld world, List<String> targets) {
    this.world = world;
    this.targets = List.copyOf(targets);
  }

  public Result run(Options o) throws Exception {
    world.latency(o.latency());
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(world); LoopbackSlack slack = new LoopbackSlack()) {
      Map<String, List<Finding>> expected = expected(dns.address());
      BotSettings settings = BotSettings.defaults(List.of(dns.address())).withSkip(Set.of("smtp", "http", "rdap"))
          .withAllowPrivate(true).withLimits(o.maxRuns(), 10_000, 1_000_000, Duration.ofMinutes(1));
      try (MailcheckBot bot = new MailcheckBot(new SlackCredentials("xoxb-bench", SECRET, null, slack.apiUrl()), settings);
          BotHttpServer http = BotHttpServer.http(bot, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        bot.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI events = URI.create("http://127.0.0.1:" + http.port() + "/slack/events");
        RequestSigner signer = new RequestSigner(SECRET);

        // (1) Ack latency, with the runs it starts piling up behind it.
        List<Double> acks = new ArrayList<>();
        for (int i = 0; i < o.warmup() + o.ackRequests(); i++) {
          String body = command(targets.get(i % targets.size()), "UA" + i, "CA" + i, slack.responseUrl("a" + i));
          long t0 = System.nanoTime();
          HttpResponse<String> r = send(client, events, signer, body);
          long ns = System.nanoTime() - t0;
          if (r.statusCode() != 200) {
            throw new IllegalStateException("ack " + i + " answered HTTP " + r.statusCode());
          }
          if (i >= o.warmup()) {
            acks.add(ns / 1e6);
          }
        }
        int ackRuns = o.warmup() + o.ackRequests();
        slack.await("chat.update", c -> c.get("channel").startsWith("CA"), ackRuns, Duration.ofMinutes(5));

        // (2) A burst of concurrent commands, memory sampled while it runs.
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            Long rss = BotHttpServer.Memory.read().get("resident_bytes");
            if (rss != null) {
              peak.accumulateAndGet(rss, Math::max);
            }
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        long b0 = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < o.burst(); i++) {
          String body = command(targets.get(i % targets.size()), "UB" + i, "CB" + i, slack.responseUrl("b" + i));
          senders.add(Thread.startVirtualThread(() -> {
            try {
              send(client, events, signer, body);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }));
        }
        for (Thread t : senders) {
          t.join();
        }
        List<LoopbackSlack.Call> done = slack.await("chat.update", c -> c.get("channel").startsWith("CB"), o.burst(), Duration.ofMinutes(5));
        long burstMs = (System.nanoTime() - b0) / 1_000_000;
        sampler.interrupt();
        sampler.join();

        int want = 0;
        int posted = 0;
        for (int i = 0; i < o.burst(); i++) {
          String channel = "CB" + i;
          LoopbackSlack.Call parent = slack.calls("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null).get(0);
          StringBuilder thread = new StringBuilder();
          slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")))
              .forEach(c -> Blocks.texts(c.get("blocks")).forEach(t -> thread.append(t).append('\n')));
          for (Finding f : expected.get(targets.get(i % targets.size()))) {
            want++;
            if (thread.indexOf("`" + f.id() + "` " + Blocks.escape(f.subject())) >= 0) {
              posted++;
            }
          }
        }
        Collections.sort(acks);
        Long hwm = BotHttpServer.Memory.read().get("resident_peak_bytes");
        return new Result(acks.size(), percentile(acks, 50), percentile(acks, 99), acks.get(acks.size() - 1),
            o.burst(), done.size(), burstMs, want, posted, peak.get(), hwm == null ? 0 : hwm,
            bot.metrics().rateLimited.sum(), bot.metrics().failedCalls.sum());
      }
    }
  }

  /** The findings each target gives when checked directly: what its thread must show. */
  private Map<String, List<Finding>> expected(InetSocketAddress dns) throws BadTargetException {
    Engine engine = new Engine(DnsSettings.of(List.of(dns)));
    TargetParser parser = new TargetParser(true);
    CheckOptions options = new CheckOptions(null, null, List.of(), Set.of("smtp", "http", "rdap"), CheckOptions.DEFAULT_TIMEOUT, Lang.EN);
    Map<String, List<Finding>> out = new HashMap<>();
    for (String t : targets) {
      Report r = engine.run(parser.parse(t), options);
      out.put(t, r.findings());
    }
    return out;
  }

  private static String command(String text, String user, String channel, String responseUrl) {
    return form("token", "bench", "team_id", "T1", "team_domain", "bench", "channel_id", channel, "channel_name", "bench",
        "user_id", user, "user_name", user.toLowerCase(), "command", "/mailcheck", "text", text, "api_app_id", "A1",
        "response_url", responseUrl, "trigger_id", "1.2.3");
  }

  private static String form(String... kv) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static HttpResponse<String> send(HttpClient client, URI uri, RequestSigner signer, String body)
      throws IOException, InterruptedException {
    long ts = System.currentTimeMillis() / 1000;
    HttpRequest req = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", String.valueOf(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(req, HttpResponse.BodyHandlers.ofString());
  }

  static double percentile(List<Double> sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }
}
