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
}
