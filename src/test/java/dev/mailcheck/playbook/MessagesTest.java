package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Every bundle: the core's, those the registered checks' catalogs name, Slack's. */
  static List<String> bundles() {
    return Messages.BUNDLES.stream().map(b -> "/" + b.replace('.', '/')).toList();
  }

  @ParameterizedTest
  @MethodSource("bundles")
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
    dev.mailcheck.report.Finding f = new FindingFactory().make(FindingKind.of("ptr.missing"), dev.mailcheck.report.Severity.FAIL,
        "192.0.2.1", List.of(), "192.0.2.1");
    List<dev.mailcheck.report.Link> en = Catalog.bundled().view(f, Lang.EN).links();
    List<dev.mailcheck.report.Link> ko = Catalog.bundled().view(f, Lang.KO).links();
    assertFalse(en.isEmpty());
    assertEquals(en.stream().map(dev.mailcheck.report.Link::url).toList(), ko.stream().map(dev.mailcheck.report.Link::url).toList());
    Playbook.bundled().entries().forEach(e -> {
      assertTrue(e.url().startsWith("https://"), e.key());
      assertFalse(e.titleEn().isBlank(), e.key());
      assertTrue(e.verified() != null && e.verified().matches("\\d{4}-\\d{2}-\\d{2}"), e.key());
    });
  }
}
