package dev.mailcheck.bench;

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
import dev.mailcheck.slack.Blocks;
import dev.mailcheck.slack.RequestSigner;
import dev.mailcheck.slack.SlashCommandForm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's benchmark, everything on loopback: a DNS world with latency injected into every answer
 * and {@link LoopbackSlack} as the Web API in this process, and the bot itself as {@code mailcheck
 * serve --http} in a child JVM started with this JVM's options, so its memory is its own.
 * Measures (1) ack latency of signed slash commands at {@code POST /slack/events}, sent one after
 * another while earlier runs are still working, and (2) a burst of concurrent commands: that every
 * run completes with every finding posted in its thread, how long the burst takes, and the
 * bot's resident memory meanwhile (VmRSS and VmHWM from its /proc/self/status, read through its
 * {@code /healthz}). At the end the bot gets SIGTERM and must exit 0.
 */
public final class SlackBenchmark {
  private static final String SECRET = "bench-signing-secret";

  /** What to measure. */
  public record Options(int ackRequests, int warmup, int burst, Duration latency, int maxRuns) {}

  /** The figures. */
  public record Result(
      int ackRequests, double ackP50Ms, double ackP99Ms, double ackMaxMs, double serverP50Ms, double serverP99Ms,
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
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(world); LoopbackSlack slack = new LoopbackSlack();
        BotProcess bot = BotProcess.start(dns.address(), slack.apiUrl(), SECRET, o.maxRuns())) {
      Map<String, List<Finding>> expected = ExpectedFindings.of(dns.address(), targets);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI events = URI.create(bot.baseUrl() + "/slack/events");
      RequestSigner signer = new RequestSigner(SECRET);

      // (1) Ack latency as the client sees it, one command after another, with the runs they start working behind them.
      List<Double> acks = new ArrayList<>();
      for (int i = 0; i < o.warmup() + o.ackRequests(); i++) {
        String body = SlashCommandForm.command(targets.get(i % targets.size()), "UA" + i, "CA" + i, slack.responseUrl("a" + i));
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
      Map<String, Long> server = bot.stats(client);
      slack.await("chat.update", c -> c.get("channel").startsWith("CA"), ackRuns, Duration.ofMinutes(5));

      // (2) A burst of concurrent commands; the bot's memory is read from its /healthz meanwhile.
      AtomicLong peak = new AtomicLong();
      AtomicLong hwm = new AtomicLong();
      Thread sampler = Thread.ofPlatform().daemon().start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            Map<String, Long> m = bot.stats(client);
            peak.accumulateAndGet(m.getOrDefault("resident_bytes", 0L), Math::max);
            hwm.accumulateAndGet(m.getOrDefault("resident_peak_bytes", 0L), Math::max);
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          } catch (IOException e) {
            // The next sample will do.
          }
        }
      });
      long b0 = System.nanoTime();
      List<Thread> senders = new ArrayList<>();
      for (int i = 0; i < o.burst(); i++) {
        String body = SlashCommandForm.command(targets.get(i % targets.size()), "UB" + i, "CB" + i, slack.responseUrl("b" + i));
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
      Thread.sleep(100);
      sampler.interrupt();
      sampler.join();
      Map<String, Long> stats = bot.stats(client);

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
          if (thread.indexOf(ExpectedFindings.shown(f)) >= 0) {
            posted++;
          }
        }
      }
      Collections.sort(acks);
      int exit = bot.stop();
      // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran.
      if (exit != 0 && exit != 143) {
        throw new IllegalStateException("the bot exited with status " + exit + " on SIGTERM");
      }
      return new Result(acks.size(), percentile(acks, 50), percentile(acks, 99), acks.get(acks.size() - 1),
          server.getOrDefault("ack_p50_us", 0L) / 1000.0, server.getOrDefault("ack_p99_us", 0L) / 1000.0,
          o.burst(), done.size(), burstMs, want, posted, peak.get(), hwm.get(),
          stats.getOrDefault("slack_rate_limited", 0L), stats.getOrDefault("slack_failed_calls", 0L));
    }
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
