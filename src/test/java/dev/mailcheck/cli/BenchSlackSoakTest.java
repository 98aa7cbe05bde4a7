package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The soak's options: out-of-range values are one sentence and exit 2, before anything starts. */
@Timeout(30)
class BenchSlackSoakTest {

  @Test
  void aSoakLongerThanAnHourIsRefused() {
    Cli r = Cli.run("bench", "slack", "--soak", "2h");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertTrue(r.err().startsWith("mailcheck: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void aSoakShorterThanASecondIsRefused() {
    Cli r = Cli.run("bench", "slack", "--soak", "500ms");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertEquals("mailcheck: --soak must be between 1s and 1h.", r.err().strip());
  }

  @Test
  void aFaultShareOutsideZeroToOneIsRefused() {
    Cli r = Cli.run("bench", "slack", "--soak", "5s", "--fault-share", "1.5");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertEquals("mailcheck: --fault-share must be between 0 and 1.", r.err().strip());
  }

  @Test
  void aRateOfZeroIsRefused() {
    Cli r = Cli.run("bench", "slack", "--soak", "5s", "--rate", "0");
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    assertEquals("mailcheck: --rate must be more than 0 and at most 100 commands per second.", r.err().strip());
  }
}
