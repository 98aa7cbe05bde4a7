package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Korean particles follow the final sound of what they follow; no text prints both forms. */
class KoreanParticlesTest {

  @ParameterizedTest
  @CsvSource({
      // digits as said aloud: …10 십, …2 이, …1 일, …0 영, 100 백
      "192.0.2.10, 을, 192.0.2.10을", "192.0.2.10, 으로, 192.0.2.10으로",
      "198.51.100.2, 을, 198.51.100.2를", "198.51.100.2, 으로, 198.51.100.2로",
      "203.0.113.1, 으로, 203.0.113.1로", "203.0.113.1, 을, 203.0.113.1을",
      "198.51.100.20, 이, 198.51.100.20이", "203.0.113.5, 이, 203.0.113.5가",
      "10.0.0.0, 은, 10.0.0.0은", "2001:db8::100, 과, 2001:db8::100과",
      "2001:db8::25, 을, 2001:db8::25를", "192.0.2.7, 으로, 192.0.2.7로", "192.0.2.3, 으로, 192.0.2.3으로",
      // Latin: words and letter names
      "mail.example.com, 이, mail.example.com이", "mail.example.com, 으로, mail.example.com으로",
      "example.org, 이, example.org가", "mail.no-ptr.example.net, 을, mail.no-ptr.example.net을",
      "한국.kr, 으로, 한국.kr로", "한국.kr, 을, 한국.kr을",
      "server30.hosting.example, 으로, server30.hosting.example로",
      "-all, 으로, -all로", "~all, 을, ~all을", "ptr, 을, ptr을", "mx, 을, mx를",
      "m, 으로, m으로", "b, 으로, b로", "xyzq, 이, xyzq가", "host.im, 과, host.im과",
      // Hangul by its final consonant; ㄹ takes 로
      "서버, 을, 서버를", "도메인, 을, 도메인을", "메일, 으로, 메일로", "메일, 을, 메일을", "주소, 과, 주소와",
      // closing punctuation is not read
      "\"mail.example.com\", 을, \"mail.example.com\"을", "[203.0.113.5], 이, [203.0.113.5]가",
      // either form of a pair may be written
      "example.com, 를, example.com을", "서버, 가, 서버가"
  })
  void particleFollowsTheFinalSound(String word, String particle, String expected) {
    assertEquals(expected, KoreanParticles.attach(word, particle));
  }

  @Test
  void messagesFillChoosesTheParticle() {
    Messages ko = Messages.of(Lang.KO);
    assertEquals("192.0.2.10의 PTR 레코드(mail.example.com)가 다시 192.0.2.10으로 조회됩니다 (역방향 DNS와 정방향 DNS가 서로 맞음).",
        ko.get("ptr.ok.summary", "192.0.2.10", "mail.example.com"));
    assertEquals("198.51.100.2의 PTR 레코드(mail.example.com)가 다시 198.51.100.2로 조회됩니다 (역방향 DNS와 정방향 DNS가 서로 맞음).",
        ko.get("ptr.ok.summary", "198.51.100.2", "mail.example.com"));
  }

  private static final List<String> DOUBLE_FORMS =
      List.of("(으)", "(를)", "(을)", "(가)", "(이)", "(은)", "(는)", "(와)", "(과)", "(로)", "(라)", "(이라)");

  /** Arguments ending in every kind of sound: vowel, ㄹ, other consonant; digits, Latin, Hangul. */
  private static final List<String> SAMPLES = List.of(
      "192.0.2.10", "198.51.100.2", "203.0.113.1", "mail.example.com", "example.org", "한국.kr", "서버", "메일", "-all", "m");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})(?::([^}]*))?}");
  /** A bare placeholder followed at once by a particle whose form depends on it. */
  private static final Pattern FIXED_PARTICLE =
      Pattern.compile("\\{\\d{1,2}}['\"]?(을|를|이|가|은|는|과|와|로|으로|이라는|라는)(?![가-힣])");

  @Test
  void theWholeKoreanBundlePrintsNoDoubleParticle() throws Exception {
    List<String> problems = new ArrayList<>();
    for (String base : Messages.BUNDLES) {
      Properties ko = new Properties();
      try (InputStream in = getClass().getResourceAsStream("/" + base.replace('.', '/') + "_ko.properties")) {
        if (in == null) {
          continue;
        }
        ko.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      for (String key : ko.stringPropertyNames()) {
        String text = ko.getProperty(key);
        Matcher fixed = FIXED_PARTICLE.matcher(text);
        if (fixed.find()) {
          problems.add(key + ": particle written fixed after a placeholder: " + fixed.group() + " (write {n:" + fixed.group(1) + "})");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
          if (m.group(2) != null && !KoreanParticles.known(m.group(2))) {
            problems.add(key + ": unknown particle in " + m.group());
          }
        }
        for (String sample : SAMPLES) {
          Object[] args = new Object[10];
          java.util.Arrays.fill(args, sample);
          String shown = Messages.of(Lang.KO).get(key, args);
          for (String d : DOUBLE_FORMS) {
            if (shown.contains(d)) {
              problems.add(key + " prints " + d + " with '" + sample + "': " + shown);
            }
          }
          if (shown.matches(".*\\{\\d{1,2}(:[^}]*)?}.*")) {
            problems.add(key + " leaves a placeholder unfilled: " + shown);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(Messages.BUNDLES.size() >= 3);
  }
}
