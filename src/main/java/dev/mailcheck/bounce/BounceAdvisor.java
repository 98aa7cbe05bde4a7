package dev.mailcheck.bounce;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.report.Link;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Words a diagnosis in one language: the summary and fix come from the bounce bundle, most specific
 * key first ({@code bounce.<category>.<list|provider>.fix}, then {@code bounce.<category>.fix}); the
 * links from the signatures' advice, resolved through the playbook's link data.
 */
public final class BounceAdvisor {
  /** More links than this is a list to read, not a next step. */
  static final int MAX_LINKS = 4;

  private final Signatures signatures;
  private final Map<String, Playbook.Entry> links;

  public BounceAdvisor(Signatures signatures, Playbook playbook) {
    this.signatures = signatures;
    this.links = playbook.entries().stream().collect(Collectors.toMap(Playbook.Entry::key, Function.identity()));
  }

  public static BounceAdvisor bundled() {
    return new BounceAdvisor(Signatures.bundled(), Playbook.bundled());
  }

  public BounceAdvice advise(BounceDiagnosis d, Lang lang) {
    Messages t = Messages.of(lang);
    String receiver = t.get("bounce.provider." + d.provider());
    Signatures.BlockList list = d.list() == null ? null : signatures.list(d.list());
    Object[] args = {
        receiver,
        d.smtpCode() == null && d.enhancedCode() == null ? t.get("bounce.codes.none") : codes(d),
        d.ip() != null ? d.ip() : t.get("bounce.ip.unknown"),
        d.domain() != null ? d.domain() : t.get("bounce.domain.unknown"),
        list != null ? list.displayName() : t.get("bounce.list.unknown"),
        // In commands to type, a missing value stays a visible placeholder.
        d.ip() != null ? d.ip() : "<IP>",
        d.domain() != null ? d.domain() : t.get("bounce.domain.placeholder")};
    String summary = first(t, d.summaryKeys(), args);
    String fix = first(t, d.fixKeys(), args);
    return new BounceAdvice(d, receiver, Objects.requireNonNullElse(summary, d.category()), fix, links(d, lang));
  }

  /** The first of the keys that has a text, filled; null when none has. */
  private static String first(Messages t, List<String> keys, Object... args) {
    for (String k : keys) {
      if (t.has(k)) {
        return t.get(k, args);
      }
    }
    return null;
  }

  private static String codes(BounceDiagnosis d) {
    return d.smtpCode() == null ? d.enhancedCode() : d.enhancedCode() == null ? d.smtpCode() : d.smtpCode() + " " + d.enhancedCode();
  }

  /** Most specific advice first: cause with provider or list, then the provider's, then the cause's. */
  List<Link> links(BounceDiagnosis d, Lang lang) {
    Set<String> keys = new LinkedHashSet<>();
    for (int pass = 0; pass < 3; pass++) {
      for (Signatures.Advice a : signatures.advice()) {
        boolean cat = a.category() != null && a.category().equals(d.category());
        boolean prov = a.provider() != null && a.provider().equals(d.provider());
        boolean lst = a.list() != null && a.list().equals(d.list());
        boolean take = switch (pass) {
          case 0 -> cat && (prov || lst);
          case 1 -> a.category() == null && prov && a.list() == null;
          default -> cat && a.provider() == null && a.list() == null;
        };
        if (take) {
          keys.addAll(a.links());
        }
      }
    }
    List<Link> out = new ArrayList<>();
    for (String k : keys) {
      Playbook.Entry e = links.get(k);
      if (e == null) {
        throw new IllegalStateException("bounce advice names unknown playbook link " + k);
      }
      if (out.size() < MAX_LINKS) {
        out.add(e.toLink(lang));
      }
    }
    return out;
  }

  /** Every link key the advice names, for the data's completeness test. */
  Set<String> adviceLinkKeys() {
    Set<String> all = new LinkedHashSet<>();
    signatures.advice().forEach(a -> all.addAll(a.links()));
    return all;
  }

  boolean hasLink(String key) {
    return links.containsKey(key);
  }
}
