package dev.mailcheck.bounce;

import dev.mailcheck.playbook.Lang;
import java.nio.charset.StandardCharsets;

/**
 * The one entry point for adapters (the CLI, the Slack command {@code /mailcheck bounce} and the "Diagnose bounce" shortcut):
 * input in, diagnosis and advice out, with the bundled signatures and playbook.
 */
public final class Bounces {
  private final Signatures signatures;
  private final BounceReader reader;
  private final BounceClassifier classifier;
  private final BounceAdvisor advisor;

  private Bounces(Signatures signatures, BounceAdvisor advisor) {
    this.signatures = signatures;
    this.reader = new BounceReader(signatures);
    this.classifier = new BounceClassifier(signatures);
    this.advisor = advisor;
  }

  private static final class Bundled {
    static final Bounces INSTANCE = new Bounces(Signatures.bundled(), BounceAdvisor.bundled());
  }

  /** With the bundled data (read once). */
  public static Bounces bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * Diagnoses a whole bounce or a pasted text, given as bytes (a file, standard input).
   *
   * @throws BadBounceException when the input is empty, too large, not text, or unreadable MIME
   */
  public BounceDiagnosis diagnose(byte[] input) throws BadBounceException {
    return classifier.classify(reader.read(input));
  }

  /** Diagnoses pasted text (e.g. a chat message). */
  public BounceDiagnosis diagnose(String text) throws BadBounceException {
    return diagnose(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The summary, fix and links in one language. */
  public BounceAdvice advise(BounceDiagnosis diagnosis, Lang lang) {
    return advisor.advise(diagnosis, lang);
  }

  public Signatures signatures() {
    return signatures;
  }
}
