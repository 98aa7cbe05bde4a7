package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every user-facing text exists in English and Korean; placeholders are filled as written. */
class MessagesTest {

  private static Properties load(String resource) throws Exception {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/mailcheck/messages", "/dev/mailcheck/spf/messages", "/dev/mailcheck/slack/messages"})
  void everyKeyIsInBothLanguages(String base) throws Exception {
    Set<String> en = new TreeSet<>(load(base + ".properties").stringPropertyNames());
    Set<String> ko = new TreeSet<>(load(base + "_ko.properties").stringPropertyNames());
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(ko);
    Set<String> onlyKo = new TreeSet<>(ko);
    onlyKo.removeAll(en);
    assertEquals(Set.of(), onlyEn, "missing in Korean");
    assertEquals(Set.of(), onlyKo, "missing in English");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dns.timeout", "dns.servfail", "dns.refused", "dns.error", "mx.ok", "mx.missing", "mx.null",
      "mx.target-cname", "mx.target-ip-literal", "mx.target-unresolvable", "ptr.ok", "ptr.missing", "ptr.mismatch",
      "ptr.generic", "mx.missing.implicit", "mx.null.mixed", "check.incomplete.deadline", "check.incomplete.failed"})
  void everyFoundationFindingHasASummaryInBothLanguages(String id) {
    for (Lang lang : Lang.values()) {
      assertTrue(Messages.of(lang).has(id + ".summary"), id + " in " + lang);
    }
    assertNotEquals(Messages.of(Lang.EN).get(id + ".summary"), Messages.of(Lang.KO).get(id + ".summary"));
  }

  @Test
  void placeholdersAreFilledWithoutMessageFormatQuoting() {
    assertEquals("it's a and b, {x}, c", Messages.fill("it's {0} and {1}, {x}, {2}", "a", "b", "c"));
    assertEquals("missing: ", Messages.fill("missing: {3}", "a"));
    assertEquals("no args {0}", Messages.fill("no args {0}"));
  }

  @Test
  void missingKeyShowsTheKey() {
    assertEquals("no.such.key", Messages.of(Lang.EN).get("no.such.key"));
    assertNull(Messages.of(Lang.EN).getOrNull("no.such.key"));
  }

  @Test
  void languages() {
    assertEquals(Lang.KO, Lang.of("ko"));
    assertEquals(Lang.KO, Lang.of("ko_KR"));
    assertEquals(Lang.EN, Lang.of("EN-us"));
    assertEquals(Lang.KO, Lang.forLocale("ko-KR"));
    assertEquals(Lang.EN, Lang.forLocale(null));
    assertEquals(Lang.EN, Lang.forLocale("ja-JP"));
    assertFalse(Messages.of(Lang.KO).get("verdict.pass").isBlank());
  }

  @Test
  void findingLinksComeFromThePlaybookInTheRunsLanguage() {
    List<dev.mailcheck.report.Link> en = Playbook.bundled().linksFor("ptr.missing", Lang.EN);
    List<dev.mailcheck.report.Link> ko = Playbook.bundled().linksFor("ptr.missing", Lang.KO);
    assertFalse(en.isEmpty());
    assertEquals(en.stream().map(dev.mailcheck.report.Link::url).toList(), ko.stream().map(dev.mailcheck.report.Link::url).toList());
    Playbook.bundled().entries().forEach(e -> {
      assertTrue(e.url().startsWith("https://"), e.key());
      assertFalse(e.titleEn().isBlank(), e.key());
      assertTrue(e.verified() != null && e.verified().matches("\\d{4}-\\d{2}-\\d{2}"), e.key());
    });
  }
}
