package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.report.Link;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The signature data and the texts: provenance on every entry, both languages complete, advice that holds. */
class BounceDataTest {
  static Properties load(String resource) throws Exception {
    Properties p = new Properties();
    try (InputStream in = BounceDataTest.class.getResourceAsStream(resource)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  static JsonNode json(String resource) throws Exception {
    try (InputStream in = BounceDataTest.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void everySignatureEntryHasItsSourceAndVerification() throws Exception {
    // The loader refuses an entry without a source, or without a date or a note saying why it is unverified.
    Signatures s = Signatures.bundled();
    assertFalse(s.rules().isEmpty());
    JsonNode root = json("/dev/mailcheck/bounce/signatures.json");
    List<JsonNode> entries = new ArrayList<>();
    root.path("providers").forEach(p -> p.forEach(entries::add));
    root.path("lists").forEach(entries::add);
    root.path("rules").forEach(entries::add);
    for (JsonNode e : entries) {
      assertFalse(e.path("source").asText("").isBlank(), e.toString());
      assertTrue(e.path("verified").asText("").matches("\\d{4}-\\d{2}-\\d{2}") || e.path("note").asText("").startsWith("unverified"),
          "verified date or an 'unverified: …' note: " + e);
    }
    JsonNode links = json("/dev/mailcheck/playbook/links-bounce.json").path("links");
    links.properties().forEach(e -> {
      assertFalse(e.getValue().path("source").asText("").isBlank(), e.getKey());
      assertTrue(e.getValue().path("verified").asText("").matches("\\d{4}-\\d{2}-\\d{2}")
          || e.getValue().path("note").asText("").startsWith("unverified"), e.getKey());
    });
  }

  @Test
  void rulesAreKeyedOnDocumentedSignsNotSentences() {
    for (Signatures.Rule r : Signatures.bundled().rules()) {
      for (var p : r.terms()) {
        assertTrue(p.pattern().split("\\s+").length <= 8, "rule " + r.id() + " has a sentence-long term: " + p.pattern());
      }
    }
  }

  @Test
  void everyCauseAndReceiverHasTextsInBothLanguages() throws Exception {
    Set<String> categories = new TreeSet<>();
    Signatures.bundled().rules().forEach(r -> categories.add(r.category()));
    categories.add(BounceDiagnosis.UNKNOWN);
    for (Lang lang : Lang.values()) {
      Messages t = Messages.of(lang);
      for (String c : categories) {
        assertTrue(t.has("bounce." + c + ".summary"), c + " summary in " + lang);
        assertTrue(t.has("bounce." + c + ".fix"), c + " fix in " + lang);
      }
      for (String p : Signatures.bundled().providers().keySet()) {
        assertTrue(t.has("bounce.provider." + p), p + " in " + lang);
      }
      assertTrue(t.has("bounce.provider.unknown"));
    }
    Set<String> en = new TreeSet<>(load("/dev/mailcheck/bounce/messages.properties").stringPropertyNames());
    Set<String> ko = new TreeSet<>(load("/dev/mailcheck/bounce/messages_ko.properties").stringPropertyNames());
    assertEquals(en, ko, "the same keys in English and Korean");
  }

  @Test
  void koreanReadsNaturallyAndNeverOffersKisaWhiteDomain() throws Exception {
    Properties ko = load("/dev/mailcheck/bounce/messages_ko.properties");
    Properties en = load("/dev/mailcheck/bounce/messages.properties");
    for (String key : ko.stringPropertyNames()) {
      String v = ko.getProperty(key);
      for (String doubled : List.of("(으)", "을(를)", "를(을)", "이(가)", "가(이)", "은(는)", "는(은)", "와(과)", "과(와)")) {
        assertFalse(v.contains(doubled), key + " uses a double particle form: " + v);
      }
      int i = v.indexOf("다음");
      while (i >= 0) {
        assertTrue(v.startsWith("다음(Daum)", i), key + " writes Daum as bare '다음': " + v);
        i = v.indexOf("다음", i + 1);
      }
      assertFalse(v.matches(".*\\{\\d\\}(을|를|이|가|은|는|와|과|으로|로)[^a-z].*"),
          key + " puts a fixed particle after a placeholder; write {n|을}: " + v);
    }
    for (Properties p : List.of(ko, en)) {
      for (String key : p.stringPropertyNames()) {
        String v = p.getProperty(key);
        assertFalse(v.contains("spam.kisa.or.kr"), key);
        if (v.contains("KISA")) {
          assertTrue(v.contains("종료") || v.contains("ended"), key + " mentions KISA without saying the programme ended: " + v);
        }
      }
    }
  }

  @Test
  void adviceLinksResolveAndFollowTheRightPortal() {
    BounceAdvisor advisor = BounceAdvisor.bundled();
    for (String key : advisor.adviceLinkKeys()) {
      assertTrue(advisor.hasLink(key), "advice names unknown link " + key);
    }
    Set<String> categories = new TreeSet<>();
    Signatures.bundled().rules().forEach(r -> categories.add(r.category()));
    List<String> providers = new ArrayList<>(Signatures.bundled().providers().keySet());
    providers.add(BounceDiagnosis.UNKNOWN);
    for (Lang lang : Lang.values()) {
      for (String c : categories) {
        for (String p : providers) {
          BounceAdvice a = advisor.advise(new BounceDiagnosis(p, c, null, "550", "5.7.1", "203.0.113.5", "example.com", null, null), lang);
          assertFalse(a.summary().startsWith("bounce."), a.summary());
          assertNotNull(a.fix(), c + "/" + p);
          assertFalse(a.fix().contains("{"), a.fix());
          assertTrue(a.links().size() <= BounceAdvisor.MAX_LINKS);
        }
      }
    }
    List<String> outlook = urls(advisor.advise(diag("outlook", "reputation.ip"), Lang.EN).links());
    assertTrue(outlook.contains("https://olcsupport.office.com/"), outlook.toString());
    assertFalse(outlook.stream().anyMatch(u -> u.contains("sender.office.com")), "never send an Outlook.com block to sender.office.com");
    assertTrue(urls(advisor.advise(diag("microsoft365", "reputation.ip"), Lang.EN).links()).contains("https://sender.office.com/"));
    BounceAdvice spamhaus = advisor.advise(new BounceDiagnosis("unknown", "blocklist.listed", "spamhaus", "550", null, "203.0.113.5",
        null, null, null), Lang.KO);
    assertEquals("https://check.spamhaus.org/", spamhaus.links().get(0).url());
    assertTrue(spamhaus.summary().contains("203.0.113.5가 Spamhaus에 등록"), spamhaus.summary());
  }

  @Test
  void everyPlaybookLinkStillLoads() {
    assertTrue(Playbook.bundled().entries().stream().anyMatch(e -> e.key().equals("m365-delist")));
  }

  static BounceDiagnosis diag(String provider, String category) {
    return new BounceDiagnosis(provider, category, null, "550", "5.7.1", "203.0.113.5", null, null, null);
  }

  static List<String> urls(List<Link> links) {
    return links.stream().map(Link::url).toList();
  }
}
