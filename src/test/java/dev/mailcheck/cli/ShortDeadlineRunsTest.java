package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many runs with a 1 ms deadline in one JVM, as a long-lived bot would see them: each returns
 * within its deadline plus one second, none kills a thread, and a normal run afterwards still gets
 * every answer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShortDeadlineRunsTest {

  @Test
  void manyOneMillisecondRunsThenANormalRunStillAnswers() throws Exception {
    ConcurrentLinkedQueue<String> died = new ConcurrentLinkedQueue<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> died.add(t.getName() + ": " + e));
    try (LoopbackDnsServer dns = LoopbackDnsServer.start(DemoWorld.load().world())) {
      String resolver = "127.0.0.1:" + dns.port();
      // Class loading belongs to starting the process, not to a run's deadline: one run first.
      assertEquals(0, Cli.run("check", "example.com", "--dns", resolver).exit());
      for (int i = 0; i < 150; i++) {
        String target = i % 3 == 0 ? "too-many.example.com" : "example.com";
        long t0 = System.nanoTime();
        Cli r = Cli.run("check", target, "--timeout", "1ms", "--dns", resolver);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms <= 1001, "run " + i + " took " + ms + " ms");
        assertTrue(r.exit() == 3 || r.exit() == 0 || r.exit() == 1, r.toString());
        assertEquals("", r.err(), r.toString());
      }
      Cli normal = Cli.run("check", "example.com", "--dns", resolver);
      assertEquals(0, normal.exit(), normal.toString());
      assertTrue(normal.out().contains("PASS  mx.ok  example.com"), normal.out());
      assertTrue(died.isEmpty(), "threads died: " + died);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
