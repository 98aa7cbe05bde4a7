package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void withoutArgumentsIsAUsageErrorThatListsTheCommands() {
    Cli r = Cli.run();
    assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
    for (String command : new String[] {"check", "spf", "demo", "serve", "bench"}) {
      assertTrue(r.err().contains("  " + command), r.err());
    }
    assertTrue(r.err().contains("a command is needed"), r.err());
  }

  @Test
  void version() {
    Cli r = Cli.run("--version");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("mailcheck "), r.out());
    // The pom's own version, filtered into a resource at build time; never "dev".
    String pom;
    try {
      pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>mailcheck</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "the pom names its version");
    assertEquals("mailcheck " + m.group(1), r.out().strip());
  }

  @Test
  void exitCodesAreTheDocumentedOnes() {
    assertEquals(0, Main.OK);
    assertEquals(1, Main.FAILED);
    assertEquals(2, Main.BAD_INPUT);
    assertEquals(3, Main.INCOMPLETE);
  }
}
