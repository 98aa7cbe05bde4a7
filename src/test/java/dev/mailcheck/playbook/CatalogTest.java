package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mailcheck.check.Check;
import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.Checks;
import dev.mailcheck.check.Engine;
import dev.mailcheck.demo.DemoRdapServer;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.WorldDnsClient;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.FindingView;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.target.TargetParser;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The finding catalog is complete and the only way IDs reach a user: every finding kind the code
 * declares is in it, every form of every ID has its English and Korean texts, every link exists
 * with its provenance, and the ID table of docs/CONTRACTS.md is the catalog's.
 */
class CatalogTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})(?::[^}]*)?}");

  /**
   * Every {@code static final FindingKind} of every product class: the kinds code can emit, since
   * {@link FindingFactory} takes nothing else and no kind is made outside such a field (see
   * {@link #kindsAreOnlyDeclaredAsConstants}).
   */
  static Set<FindingKind> declaredKinds() throws Exception {
    Set<FindingKind> kinds = new java.util.HashSet<>();
    List<Path> classFiles;
    try (Stream<Path> s = Files.walk(CLASSES)) {
      classFiles = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    ClassLoader loader = CatalogTest.class.getClassLoader();
    for (Path p : classFiles) {
      String name = CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
      Class<?> c = Class.forName(name, false, loader);
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == FindingKind.class && Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          kinds.add((FindingKind) f.get(null));
        }
      }
    }
    return kinds;
  }

  @Test
  void everyKindTheCodeDeclaresIsInTheCatalogAndEveryCatalogFormIsDeclared() throws Exception {
    Set<FindingKind> declared = declaredKinds();
    assertTrue(declared.size() > 30, "found " + declared);
    Catalog catalog = Catalog.bundled();
    for (FindingKind k : declared) {
      catalog.entry(k.id()).wording(k.variant()); // fails for an ID or variant the catalog does not have
    }
    Set<String> unused = new TreeSet<>();
    for (Catalog.Entry e : catalog.entries()) {
      for (String form : e.forms()) {
        if (!declared.contains(new FindingKind(e.id(), form))) {
          unused.add(new FindingKind(e.id(), form).toString());
        }
      }
    }
    assertEquals(Set.of(), unused, "catalog entries no code reports");
  }

  @Test
  void everyFormHasItsTextsInEnglishAndKoreanWithTheSamePlaceholders() {
    Messages en = Messages.of(Lang.EN);
    Messages ko = Messages.of(Lang.KO);
    List<String> problems = new ArrayList<>();
    for (Catalog.Entry e : Catalog.bundled().entries()) {
      for (String form : e.forms()) {
        Catalog.Wording w = e.wording(form);
        List<String> keys = new ArrayList<>(List.of(e.summaryKey(form)));
        if (w.fix()) {
          keys.add(e.fixKey(form));
        } else if (en.has(e.fixKey(form))) {
          problems.add(e.fixKey(form) + " exists but the catalog says the finding has no fix");
        }
        for (String key : keys) {
          if (!en.has(key) || !ko.has(key)) {
            problems.add(key + (en.has(key) ? " has no Korean text" : " has no English text"));
            continue;
          }
          String enText = en.get(key);
          String koText = ko.get(key);
          assertNotEquals(enText, koText, key + " is not translated");
          if (!placeholders(enText).equals(placeholders(koText))) {
            problems.add(key + " uses " + placeholders(enText) + " in English but " + placeholders(koText) + " in Korean");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static Set<String> placeholders(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyLinkExistsWithItsSourceAndTheDateItWasVerified() {
    Playbook playbook = Playbook.bundled();
    for (Catalog.Entry e : Catalog.bundled().entries()) {
      for (String key : e.links()) {
        assertTrue(playbook.has(key), e.id() + " names unknown link " + key);
      }
      e.variants().forEach((name, w) -> (w.links() == null ? List.<String>of() : w.links())
          .forEach(key -> assertTrue(playbook.has(key), e.id() + "." + name + " names unknown link " + key)));
    }
    playbook.entries().forEach(l -> {
      assertTrue(l.source() != null && !l.source().isBlank(), l.key() + " has no source");
      assertTrue(l.verified() != null && l.verified().matches("\\d{4}-\\d{2}-\\d{2}"), l.key() + " has no verified date");
      assertTrue(l.titleKo() != null && !l.titleKo().isBlank(), l.key() + " has no Korean title");
    });
  }

  @Test
  void kindsAreOnlyDeclaredAsConstants() throws IOException {
    // A kind made anywhere else (say, from a string built at run time) would escape the sweep above.
    Pattern made = Pattern.compile("FindingKind\\.of\\(|\\.variant\\(\"");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".java")).toList()) {
        if (p.endsWith("FindingKind.java")) {
          continue;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (made.matcher(line).find() && !line.matches("\\s*(private |public |protected )?static final FindingKind [A-Z_]+ = .*")) {
            offenders.add(p + ":" + (i + 1) + ": " + line.strip());
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void everyTextKeyTheCodeNamesHasEnglishAndKorean() throws IOException {
    // Evidence lines and worded arguments name their keys where they are made: Text.of("spf.tree.void", …),
    // new SpfReason("spf.reason.dns", …), new SpfSyntaxException("spf.parse.ip4", …).
    Pattern maker = Pattern.compile("Text\\.of\\(|new SpfReason\\(|new SpfSyntaxException\\(");
    Pattern literal = Pattern.compile("\"([a-z]+(?:\\.[a-z0-9-]+)+)\"");
    Messages en = Messages.of(Lang.EN);
    Messages ko = Messages.of(Lang.KO);
    List<String> missing = new ArrayList<>();
    int seen = 0;
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!maker.matcher(line).find()) {
            continue;
          }
          Matcher m = literal.matcher(line);
          while (m.find()) {
            seen++;
            if (!en.has(m.group(1)) || !ko.has(m.group(1))) {
              missing.add(p.getFileName() + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertTrue(seen > 40, "found " + seen);
    assertEquals(List.of(), missing);
  }

  @Test
  void theFactoryRefusesWhatTheCatalogDoesNotAllow() {
    FindingFactory f = new FindingFactory();
    assertThrows(IllegalArgumentException.class,
        () -> f.make(FindingKind.of("mx.no-such-thing"), Severity.FAIL, "example.com", List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> f.make(FindingKind.of("mx.ok"), Severity.WARN, "example.com", List.of(), "example.com", 1));
    assertThrows(IllegalArgumentException.class,
        () -> f.make(FindingKind.of("mx.null").variant("no-such-case"), Severity.WARN, "example.com", List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> f.make("mx", FindingKind.of("check.incomplete"), Severity.ERROR, "mx", List.of()));
    Finding ok = f.make(FindingKind.of("mx.target-unresolvable"), Severity.FAIL, "gone.example.com", List.of(), "gone.example.com");
    assertEquals("mx", ok.check());
  }

  @Test
  void everyRegisteredCheckHasItsCatalogAndItsTest() {
    Set<String> names = new TreeSet<>();
    for (Check c : Checks.all()) {
      assertTrue(names.add(c.name()), "two checks named " + c.name());
      assertTrue(CatalogTest.class.getResource(c.catalog()) != null, c.name() + ": no catalog " + c.catalog());
      assertTrue(Catalog.bundled().entries().stream().anyMatch(e -> c.name().equals(e.check())), c.name() + " has no findings");
      String test = c.getClass().getName() + "Test";
      try {
        Class.forName(test);
      } catch (ClassNotFoundException e) {
        fail(c.name() + ": no " + test);
      }
    }
  }

  @Test
  void theDemoRendersEveryFindingInBothLanguagesWithoutAKey() throws Exception {
    DemoWorld demo = DemoWorld.load();
    try (DemoRdapServer rdap = DemoRdapServer.start()) {
      demoRendersWithoutAKey(demo, new Engine((deadline, trace) -> new WorldDnsClient(demo.world(), Duration.ofMillis(250), trace),
          Checks.standard(), Clock.systemUTC(), rdap.probes()).withTrustAnchors(demo.trustAnchors()));
    }
  }

  private static void demoRendersWithoutAKey(DemoWorld demo, Engine engine) throws Exception {
    CheckOptions options = new CheckOptions(null, null, List.of(), Set.of(), Duration.ofSeconds(5), Lang.EN);
    Pattern key = Pattern.compile("\\b[a-z]+(\\.[a-z0-9-]+){1,4}\\.(summary|fix)\\b|^[a-z]+(\\.[a-z0-9-]+)+$");
    int seen = 0;
    for (DemoWorld.DemoTarget t : demo.targets()) {
      Report r = engine.run(new TargetParser(true).parse(t.target()), options);
      for (Finding f : r.findings()) {
        for (Lang lang : Lang.values()) {
          FindingView v = Catalog.bundled().view(f, lang);
          List<String> texts = new ArrayList<>(v.evidence());
          texts.add(v.summary());
          if (v.fix() != null) {
            texts.add(v.fix());
          }
          for (String text : texts) {
            assertFalse(key.matcher(text).find(), f.id() + " in " + lang + " shows a key: " + text);
          }
        }
        seen++;
      }
    }
    assertTrue(seen > 10, "the demo found " + seen);
  }

  @Test
  void contractsListsEveryIdOfTheCatalog() throws IOException {
    String doc = Files.readString(Path.of("docs/CONTRACTS.md"), StandardCharsets.UTF_8);
    String begin = "<!-- finding-ids: generated from the finding catalog; CatalogTest keeps it equal -->\n";
    String end = "<!-- /finding-ids -->";
    int i = doc.indexOf(begin);
    int j = doc.indexOf(end);
    assertTrue(i >= 0 && j > i, "docs/CONTRACTS.md has no finding-ids section");
    String expected = table(Catalog.bundled());
    // Written out as well, to paste into docs/CONTRACTS.md when a catalog changes.
    Files.writeString(Path.of("target/finding-ids.md"), expected, StandardCharsets.UTF_8);
    assertEquals(expected, doc.substring(i + begin.length(), j),
        "docs/CONTRACTS.md's ID table differs from the catalog; replace it with target/finding-ids.md:\n" + expected);
  }

  /** The ID table as docs/CONTRACTS.md has it, one row per ID, in catalog order. */
  static String table(Catalog catalog) {
    StringBuilder out = new StringBuilder("| ID | check | severity | when |\n| --- | --- | --- | --- |\n");
    for (Catalog.Entry e : catalog.entries()) {
      List<String> severities = new ArrayList<>();
      if (e.plain()) {
        severities.add(severities(e.wording(null)));
      }
      StringBuilder when = new StringBuilder(e.wording().when());
      e.variants().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(v -> {
        severities.add("`" + v.getKey() + "`: " + severities(v.getValue()));
        when.append("; `").append(v.getKey()).append("`: ").append(v.getValue().when());
      });
      out.append("| `").append(e.id()).append("` | ").append(e.check() == null ? "any" : e.check()).append(" | ")
          .append(String.join("; ", severities)).append(" | ").append(when).append(" |\n");
    }
    return out.toString();
  }

  private static String severities(Catalog.Wording w) {
    return String.join(" or ", w.severities().stream().sorted().map(Severity::id).toList());
  }
}
