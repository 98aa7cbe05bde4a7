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
  void parserRefusalsAreOneSentenceInTheUsersLanguage() {
    String[][] cases = {
        {"check example.com --bogus", "mailcheck: --bogus is not an option or argument of 'mailcheck check'; 'mailcheck check --help' lists what it takes."},
        {"check example.com --bogus --lang ko", "mailcheck: --bogus는 'mailcheck check' 명령의 옵션이나 인자가 아닙니다. 쓸 수 있는 것은 'mailcheck check --help'에 나옵니다."},
        {"check", "mailcheck: 'mailcheck check' needs TARGET; 'mailcheck check --help' shows how to give it."},
        {"scan --lang ko", "mailcheck: 'mailcheck scan' 명령에 필요한 CIDR 값이 빠졌습니다. 주는 방법은 'mailcheck scan --help'에 나옵니다."},
        {"check example.com --format xml", "mailcheck: --format takes text, json, markdown, not 'xml'."},
        {"check example.com --format xml --lang ko", "mailcheck: --format 옵션에 쓸 수 있는 값은 text, json, markdown입니다(입력 값: 'xml')."},
    };
    for (String[] c : cases) {
      Cli r = Cli.run(c[0].split(" "));
      assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
      assertEquals(c[1], r.err().strip(), c[0]);
      assertEquals("", r.out(), c[0]);
    }
  }

  @Test
  void exitCodesAreTheDocumentedOnes() {
    assertEquals(0, Main.OK);
    assertEquals(1, Main.FAILED);
    assertEquals(2, Main.BAD_INPUT);
    assertEquals(3, Main.INCOMPLETE);
  }
}
