package dev.mailcheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.playbook.Lang;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void readsTheMailcheckSettings() {
    Config c = new Config(Map.of("MAILCHECK_DNS", "127.0.0.1:5300,127.0.0.2", "MAILCHECK_SKIP", "SPF, ptr",
        "MAILCHECK_LANG", "ko", "MAILCHECK_ALLOW_PRIVATE", "true", "EMPTY", "  "));
    assertEquals(List.of("127.0.0.1:5300", "127.0.0.2:53"), c.dns().stream().map(Addresses::text).toList());
    assertEquals(Set.of("spf", "ptr"), c.skip());
    assertEquals(Lang.KO, c.lang());
    assertTrue(c.allowPrivate());
    assertNull(c.get("EMPTY"));
  }

  @Test
  void defaultsWhenUnset() {
    Config c = new Config(Map.of());
    assertEquals(List.of(), c.dns());
    assertEquals(Set.of(), c.skip());
    assertEquals(Lang.EN, c.lang());
    assertFalse(c.allowPrivate());
    assertFalse(new Config(Map.of("MAILCHECK_ALLOW_PRIVATE", "no")).allowPrivate());
  }

  @Test
  void badValuesNameTheVariable() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("MAILCHECK_DNS", "x")).dns())
        .getMessage().startsWith("MAILCHECK_DNS: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("MAILCHECK_LANG", "fr")).lang())
        .getMessage().startsWith("MAILCHECK_LANG: "));
    String m = assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("MAILCHECK_SKIP", "spf,nope")).skip())
        .getMessage();
    assertTrue(m.startsWith("MAILCHECK_SKIP: 'nope' is not something that can be skipped"), m);
  }

  @Test
  void skippableNamesAreTheRegisteredChecksAndTheProbeFamilies() {
    // Each registered check, and each probe family (smtp, http, rdap) that some registered check uses.
    java.util.Set<String> expected = new java.util.HashSet<>();
    dev.mailcheck.check.Checks.all().forEach(c -> {
      expected.add(c.name());
      c.probes().stream().filter(dev.mailcheck.check.Probe::skippable).forEach(p -> expected.add(p.id()));
    });
    assertEquals(expected, Config.SKIPPABLE);
    assertEquals(Set.of("mx", "ptr"), Config.parseSkip("MX, ptr", "--skip"));
  }
}
