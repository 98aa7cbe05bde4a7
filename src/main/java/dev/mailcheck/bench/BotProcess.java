package dev.mailcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mailcheck serve --http} in a child JVM on 127.0.0.1, pointed at loopback stand-ins for
 * DNS and Slack: what the benchmark measures. The child gets this JVM's options and class path.
 */
public final class BotProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("HTTP mode on (http://[^/]+)/slack/events");

  private final Process process;
  private final String baseUrl;
  private final List<String> output;
  private final Thread reader;
  /** Ends the bot when the benchmark itself is killed: a bot left behind would serve on for its grace and timeout. */
  private final Thread orphanGuard;

  private BotProcess(Process process, String baseUrl, List<String> output, Thread reader) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.output = output;
    this.reader = reader;
    this.orphanGuard = new Thread(process::destroyForcibly, "bot-process-guard");
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  public static BotProcess start(InetSocketAddress dns, String slackApiUrl, String signingSecret, int maxRuns) throws IOException {
    return start(dns, slackApiUrl, "xoxb-bench", signingSecret, maxRuns, Map.of());
  }

  /** Starts the bot with these credentials and extra environment (e.g. a log level). */
  public static BotProcess start(InetSocketAddress dns, String slackApiUrl, String botToken, String signingSecret, int maxRuns,
      Map<String, String> extraEnv) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // Two JVMs must not write one class-data archive; debug agents would stop the child.
      if (!a.contains("SharedArchiveFile") && !a.contains("AutoCreateSharedArchive") && !a.startsWith("-agentlib")
          && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.mailcheck.cli.Main", "serve", "--http",
        "--bind", "127.0.0.1", "--port", "0", "--max-runs", String.valueOf(maxRuns), "--queue", "10000", "--per-user", "1000000"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("SLACK_APP_TOKEN");
    env.remove("JDK_JAVA_OPTIONS");
    env.put("SLACK_BOT_TOKEN", botToken);
    env.put("SLACK_SIGNING_SECRET", signingSecret);
    env.put("SLACK_API_URL", slackApiUrl);
    env.put("MAILCHECK_DNS", dns.getAddress().getHostAddress() + ":" + dns.getPort());
    // Nothing but the given DNS server: leave out the probe families beyond DNS this build's checks use.
    String offWorld = String.join(",", dev.mailcheck.check.Checks.probesBeyondDns().stream().map(dev.mailcheck.check.Probe::id).toList());
    if (offWorld.isEmpty()) {
      env.remove("MAILCHECK_SKIP");
    } else {
      env.put("MAILCHECK_SKIP", offWorld);
    }
    env.put("MAILCHECK_ALLOW_PRIVATE", "1");
    env.putAll(extraEnv);
    Process p = pb.start();
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (output) {
            if (output.size() < 2000) {
              output.add(line);
            }
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // The child ended.
      }
      url.completeExceptionally(new IllegalStateException("the bot exited before listening"));
    });
    try {
      return new BotProcess(p, url.get(60, TimeUnit.SECONDS), output, reader);
    } catch (Exception e) {
      p.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("the bot did not start: " + String.join(" | ", output), e);
      }
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The bot's resident memory (VmRSS, bytes) and thread count from /proc/PID/status; empty when not on Linux or ended. */
  public Map<String, Long> procStatus() {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          out.put("rss_bytes", Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        } else if (line.startsWith("Threads:")) {
          out.put("threads", Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux) or the process is gone: no figures rather than wrong ones.
    }
    return out;
  }

  /** The bot's counters and memory figures from its /healthz. */
  public Map<String, Long> stats(HttpClient client) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode stats = LoopbackSlack.JSON.readTree(r.body()).path("stats");
    Map<String, Long> out = new LinkedHashMap<>();
    stats.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  /**
   * The bot's {@code /metrics} (Prometheus text) as series → value, for the samples without labels
   * whose name starts with {@code prefix}.
   */
  public Map<String, Double> metrics(HttpClient client, String prefix) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : r.body().split("\n")) {
      int sp = line.indexOf(' ');
      if (line.startsWith(prefix) && sp > 0 && line.indexOf('{') < 0) {
        out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1).strip()));
      }
    }
    return out;
  }

  /** What the bot printed (stdout and stderr), up to 2,000 lines. */
  public List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Sends SIGTERM and returns the exit status once the process and its output have ended. */
  public int stop() throws InterruptedException {
    // Through the handle: Process.destroy() would also close our end of its output pipe, losing
    // (and failing) what the bot writes while it shuts down.
    process.toHandle().destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already ending: the guard runs anyway, and ending the bot twice is harmless.
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    reader.join(5000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
