package dev.mailcheck.bench;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.slack.RequestSigner;
import dev.mailcheck.slack.SlashCommandForm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded soak of the bot: {@code mailcheck serve --http} in a child JVM gets signed slash
 * commands at a steady rate for a set time, its Web API calls and response URLs going through
 * {@link FaultyConnections} with a seeded random share of faults, every one of the eight kinds.
 * Samples the bot's resident memory and thread count from /proc every {@code sampleEvery}; at the
 * end waits (bounded) for every run's verdict on its parent and counts what was lost.
 */
public final class SlackSoak {
  private static final String SECRET = "soak-signing-secret";
  /** After the last command, how long runs may take to finish (faults make some calls wait for timeouts). */
  private static final Duration DRAIN = Duration.ofMinutes(3);

  /** What to run. */
  public record Options(Duration duration, double commandsPerSecond, double faultShare, long seed, Duration latency,
      int maxRuns, Duration sampleEvery) {}

  /** One /proc sample of the bot, {@code atSeconds} after the first command. */
  public record Sample(long atSeconds, long rssBytes, long threads) {}

  /** The figures. */
  public record Result(int commandsSent, int acksFailed, int verdictsOnParent, int lost, int duplicateParents,
      Map<String, Long> botCounters, double lostByMetrics, int faultsInjected, int callsPassed, List<Sample> samples, Sample afterFirstMinute,
      Sample atEnd, int exitStatus) {}

  private final DnsWorld world;
  private final List<String> targets;

  public SlackSoak(DnsWorld world, List<String> targets) {
    this.world = world;
    this.targets = List.copyOf(targets);
  }

  public Result run(Options o) throws Exception {
    world.latency(o.latency());
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(world); LoopbackSlack slack = new LoopbackSlack();
        FaultyConnections faults = new FaultyConnections(slack.apiUrl());
        BotProcess bot = BotProcess.start(dns.address(), faults.via(slack.apiUrl()), "xoxb-soak", SECRET, o.maxRuns(), Map.of())) {
      faults.random(o.faultShare(), o.seed(), List.of(FaultyConnections.Fault.values()), r -> true);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI events = URI.create(bot.baseUrl() + "/slack/events");
      RequestSigner signer = new RequestSigner(SECRET);

      List<Sample> samples = new ArrayList<>();
      long t0 = System.nanoTime();
      Thread sampler = Thread.ofPlatform().daemon().name("soak-sampler").start(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Map<String, Long> s = bot.procStatus();
            synchronized (samples) {
              samples.add(new Sample((System.nanoTime() - t0) / 1_000_000_000L, s.getOrDefault("rss_bytes", 0L), s.getOrDefault("threads", 0L)));
            }
            Thread.sleep(o.sampleEvery().toMillis());
          }
        } catch (InterruptedException e) {
          // The soak is over.
        }
      });

      // A steady rate: command i goes out at i / rate seconds, whatever the earlier ones took.
      long periodNanos = (long) (1_000_000_000L / o.commandsPerSecond());
      long end = t0 + o.duration().toNanos();
      AtomicInteger ackFailures = new AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      int sent = 0;
      for (long next = t0; next < end; next += periodNanos) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int i = sent++;
        String body = SlashCommandForm.command(targets.get(i % targets.size()), "US" + (i % 50), "CS" + i, faults.via(slack.responseUrl("s" + i)));
        senders.add(Thread.startVirtualThread(() -> {
          try {
            if (send(client, events, signer, body).statusCode() != 200) {
              ackFailures.incrementAndGet();
            }
          } catch (IOException e) {
            ackFailures.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      for (Thread t : senders) {
        t.join();
      }
      int commands = sent;
      // Every run's verdict replaces its parent ("Checking…"); wait for all of them, bounded.
      long drainEnd = System.nanoTime() + DRAIN.toNanos();
      while (System.nanoTime() < drainEnd && verdicts(slack, commands) < commands) {
        Thread.sleep(500);
      }
      Map<String, Long> counters = bot.stats(client);
      Map<String, Double> runs = bot.metrics(client, "mailcheck_runs_");
      // The "runs lost" PromQL of docs/SLACK.md, evaluated on the bot's own scrape.
      double lostByMetrics = runs.getOrDefault("mailcheck_runs_started_total", 0.0) - runs.getOrDefault("mailcheck_runs_completed_total", 0.0)
          - runs.getOrDefault("mailcheck_runs_verdict_not_updated_total", 0.0) - runs.getOrDefault("mailcheck_runs_failed_total", 0.0)
          - runs.getOrDefault("mailcheck_runs_interrupted_total", 0.0) - runs.getOrDefault("mailcheck_runs_active", 0.0);
      Sample last = sample(bot, t0);
      sampler.interrupt();
      sampler.join();
      synchronized (samples) {
        samples.add(last);
      }
      int verdicts = verdicts(slack, commands);
      int duplicates = 0;
      Map<String, Long> parents = new java.util.HashMap<>();
      for (LoopbackSlack.Call c : slack.calls("chat.postMessage", c -> c.get("thread_ts") == null && c.get("channel").startsWith("CS"))) {
        parents.merge(c.get("channel"), 1L, Long::sum);
      }
      for (long n : parents.values()) {
        duplicates += (int) (n - 1);
      }
      int exit = bot.stop();
      Sample minute;
      synchronized (samples) {
        minute = samples.stream().filter(s -> s.atSeconds() >= 60).findFirst().orElse(samples.get(samples.size() - 1));
      }
      return new Result(commands, ackFailures.get(), verdicts, commands - verdicts, duplicates, counters, lostByMetrics,
          faults.injectedTotal(), faults.passed(), List.copyOf(samples), minute, last, exit);
    }
  }

  private static Sample sample(BotProcess bot, long t0) {
    Map<String, Long> s = bot.procStatus();
    return new Sample((System.nanoTime() - t0) / 1_000_000_000L, s.getOrDefault("rss_bytes", 0L), s.getOrDefault("threads", 0L));
  }

  /** Commands whose parent message was updated with its outcome (one per channel, whatever retries did). */
  private static int verdicts(LoopbackSlack slack, int commands) {
    Set<String> channels = new HashSet<>();
    for (LoopbackSlack.Call c : slack.calls("chat.update", c -> c.get("channel").startsWith("CS"))) {
      channels.add(c.get("channel"));
    }
    return Math.min(channels.size(), commands);
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
}
