package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a process ends on time: runs with deadlines of a few milliseconds (the ones
 * that left dnsjava 3.6.3's shutdown hook waiting forever) exit within their deadline plus one
 * second on top of what starting a JVM takes, and print no stack trace; SIGTERM during a run ends
 * the process at once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProcessExitTest {
  private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at \\S+\\(|Exception in thread");

  @TempDir
  Path dir;

  @Test
  void shortDeadlinesEndOnTimeWithoutStackTraces() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world())) {
      String resolver = "127.0.0.1:" + dns.port();
      // What starting the JVM and printing costs here, measured the same way, so the bound below
      // is about mailcheck and not about how busy the machine is.
      // A run with every check skipped starts the JVM and loads the registry, then checks nothing.
      String[] nothing = {"check", "example.com", "--skip", String.join(",", dev.mailcheck.check.Checks.skippable()), "--dns", resolver};
      long startup = Math.max(run(nothing).millis, run(nothing).millis);
      List<String[]> cases = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        cases.add(new String[] {"check", "example.com", "--timeout", "1ms", "--dns", resolver});
      }
      for (int i = 0; i < 3; i++) {
        cases.add(new String[] {"check", "too-many.example.com", "--timeout", "5ms", "--dns", resolver});
        cases.add(new String[] {"check", "example.com", "--skip", "mx,ptr,spf", "--dns", resolver});
      }
      for (String[] args : cases) {
        Ran r = run(args);
        long deadline = args[2].equals("--timeout") ? Long.parseLong(args[3].replace("ms", "")) : 5000;
        assertTrue(r.millis <= 2 * startup + deadline + 1000,
            String.join(" ", args) + " took " + r.millis + " ms (JVM start " + startup + " ms)\n" + r.err);
        assertTrue(r.exit == 0 || r.exit == 1 || r.exit == 3, "exit " + r.exit + "\n" + r.err);
        assertTrue(!STACK_TRACE.matcher(r.err).find(), "stack trace on stderr:\n" + r.err);
      }
    }
  }

  @Test
  void sigtermEndsARunAtOnce() throws Exception {
    DnsWorld silent = new DnsWorld().records("example.com. MX 10 mail.example.com.\n")
        .fault(n -> true, Fault.TIMEOUT);
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(silent)) {
      Path err = dir.resolve("err.txt");
      Process p = builder("check", "example.com", "--timeout", "60s", "--dns", "127.0.0.1:" + dns.port())
          .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // Positive signal: the run is under way once its first question reached the server.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (dns.udpQueries() == 0 && p.isAlive() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertTrue(dns.udpQueries() > 0, "the run never asked a question");
      long t0 = System.nanoTime();
      p.destroy();
      assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(143, p.exitValue());
      assertTrue(ms < 2000, "SIGTERM took " + ms + " ms");
      String text = Files.readString(err, StandardCharsets.UTF_8);
      assertTrue(!STACK_TRACE.matcher(text).find(), "stack trace on stderr:\n" + text);
    }
  }

  private record Ran(int exit, long millis, String err) {}

  private Ran run(String... args) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "err", ".txt");
    long t0 = System.nanoTime();
    Process p = builder(args).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", args) + " hung (killed after 20 s):\n" + Files.readString(err));
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    return new Ran(p.exitValue(), ms, Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The JVM that runs this test, with the one-shot flags of bin/mailcheck, on the test class path. */
  static ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xshare") || a.startsWith("-XX:+EnableDynamicAgentLoading")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), "dev.mailcheck.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("MAILCHECK_") || k.startsWith("SLACK_") || k.equals("JDK_JAVA_OPTIONS"));
    return pb;
  }
}
