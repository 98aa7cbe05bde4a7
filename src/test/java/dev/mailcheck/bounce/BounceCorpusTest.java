package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every text of the shared bounce corpus ({@code ../shared/corpus/bounces.json}, read where it lies,
 * never copied): the category and the list must be right for each; the receiver is right for each
 * text that names it by a documented clue, and the overall provider accuracy is held to a floor.
 */
class BounceCorpusTest {
  static final Path CORPUS = Path.of("..", "shared", "corpus", "bounces.json");

  static JsonNode corpus() throws Exception {
    assertTrue(Files.isReadable(CORPUS), "the bounce corpus is not at " + CORPUS.toAbsolutePath()
        + " (it is read from the shared folder next to the project, not copied into it)");
    return new ObjectMapper().readTree(CORPUS.toFile());
  }

  /**
   * Texts whose receiver the classifier cannot name from what receivers document: the corpus knows the
   * receiver from where the sample came from, but the text itself carries no tag, host, link or code of
   * that receiver (e.g. Gmail's 4.7.24 and Proofpoint's lookup link, which many receivers use).
   */
  static final int PROVIDER_UNNAMED_MAX = 4;

  @TestFactory
  Stream<DynamicTest> everyTextGetsItsCategoryAndList() throws Exception {
    BounceClassifier classifier = BounceClassifier.bundled();
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode b : corpus()) {
      int n = i++;
      tests.add(DynamicTest.dynamicTest("#" + n + " " + b.path("provider").asText() + " " + b.path("category").asText(), () -> {
        BounceDiagnosis d = classifier.classify(b.path("text").asText());
        assertEquals(b.path("category").asText(), d.category(), () -> "category of #" + n + " (" + d + "): " + b.path("text").asText());
        String list = b.path("list").isNull() || b.path("list").isMissingNode() ? null : b.path("list").asText();
        assertEquals(list, d.list(), () -> "list of #" + n + ": " + b.path("text").asText());
        if (!d.provider().equals(BounceDiagnosis.UNKNOWN)) {
          assertEquals(b.path("provider").asText(), d.provider(), () -> "provider of #" + n + " (" + d + "): " + b.path("text").asText());
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void providerAccuracy() throws Exception {
    BounceClassifier classifier = BounceClassifier.bundled();
    int total = 0;
    int provider = 0;
    int category = 0;
    int list = 0;
    List<String> misses = new ArrayList<>();
    for (JsonNode b : corpus()) {
      total++;
      BounceDiagnosis d = classifier.classify(b.path("text").asText());
      String want = b.path("list").isNull() || b.path("list").isMissingNode() ? null : b.path("list").asText();
      provider += d.provider().equals(b.path("provider").asText()) ? 1 : 0;
      category += d.category().equals(b.path("category").asText()) ? 1 : 0;
      list += java.util.Objects.equals(want, d.list()) ? 1 : 0;
      if (!d.provider().equals(b.path("provider").asText())) {
        misses.add(b.path("provider").asText() + " read as " + d.provider() + ": " + b.path("text").asText());
      }
    }
    System.out.printf("bounce corpus: provider %d/%d, category %d/%d, list %d/%d%n", provider, total, category, total, list, total);
    misses.forEach(m -> System.out.println("  provider miss: " + m));
    assertTrue(total - provider <= PROVIDER_UNNAMED_MAX, "provider misses: " + misses);
  }
}
