package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void benchRunsOnTheDemoWorldAndPrintsOneLine() {
    Cli r = Cli.run("bench", "--runs", "2", "--warmup", "0", "--latency", "20ms");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().matches("target example\\.com, latency 20 ms, 2 runs: min \\d+ ms, median \\d+ ms, max \\d+ ms "
        + "\\([0-9.]+ latencies\\); \\d+ DNS queries per run, verdict pass\\R"), r.out());
  }

  @Test
  void badBenchOptionsAreOneSentenceAndExitTwo() {
    Cli runs = Cli.run("bench", "--runs", "0");
    assertEquals(2, runs.exit(), runs.toString());
    assertTrue(runs.err().contains("--runs must be at least 1, not 0."), runs.toString());
    // A range the benchmark would have to hold in memory address by address is refused before anything starts.
    Cli range = Cli.run("bench", "scan", "--range", "10.0.0.0/8");
    assertEquals(2, range.exit(), range.toString());
    assertEquals("mailcheck: --range 10.0.0.0/8 is wider than the benchmark takes: give a range of at most a /16.\n",
        range.err().replace("\r\n", "\n"), range.toString());
    assertEquals("", range.out());
  }
}
