package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void withoutArgumentsPrintsTheCommands() {
    Cli r = Cli.run();
    assertEquals(Main.OK, r.exit(), r.toString());
    for (String command : new String[] {"check", "demo", "bench"}) {
      assertTrue(r.out().contains("  " + command), r.out());
    }
  }

  @Test
  void version() {
    Cli r = Cli.run("--version");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("mailcheck "), r.out());
  }

  @Test
  void exitCodesAreTheDocumentedOnes() {
    assertEquals(0, Main.OK);
    assertEquals(1, Main.FAILED);
    assertEquals(2, Main.BAD_INPUT);
    assertEquals(3, Main.INCOMPLETE);
  }
}
