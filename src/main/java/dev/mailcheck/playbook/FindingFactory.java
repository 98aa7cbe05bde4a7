package dev.mailcheck.playbook;

import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Link;
import dev.mailcheck.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes findings in one language: the summary comes from {@code <id>.summary}, the fix from
 * {@code <id>.fix} (if the bundle has one), the links from the playbook.
 */
public final class FindingFactory {
  private final Messages messages;
  private final Playbook playbook;

  public FindingFactory(Lang lang) {
    this.messages = Messages.of(lang);
    this.playbook = Playbook.bundled();
  }

  public Messages messages() {
    return messages;
  }

  public Lang lang() {
    return messages.lang();
  }

  /** A finding whose check is the part of the id before the first dot. */
  public Finding make(String id, Severity severity, String subject, List<String> evidence, Object... args) {
    return make(id.substring(0, id.indexOf('.')), id, severity, subject, evidence, args);
  }

  /** A finding reported by {@code check} (used for shared ids such as {@code dns.timeout}). */
  public Finding make(String check, String id, Severity severity, String subject, List<String> evidence, Object... args) {
    return new Finding(id, check, severity, subject, messages.get(id + ".summary", args), evidence,
        messages.getOrNull(id + ".fix", args), playbook.linksFor(id, messages.lang()));
  }

  /**
   * A finding whose texts come from {@code <id>.<variant>.summary} / {@code .fix}: one stable id,
   * worded for a particular case (e.g. {@code mx.missing} for a host that receives by its A record).
   */
  public Finding variant(String id, String variant, Severity severity, String subject, List<String> evidence, Object... args) {
    return variant(id.substring(0, id.indexOf('.')), id, variant, severity, subject, evidence, args);
  }

  /** A {@link #variant} reported by {@code check} (for shared ids such as {@code dns.error}). */
  public Finding variant(String check, String id, String variant, Severity severity, String subject, List<String> evidence,
      Object... args) {
    String key = id + "." + variant;
    return new Finding(id, check, severity, subject, messages.get(key + ".summary", args), evidence,
        messages.getOrNull(key + ".fix", args), playbook.linksFor(id, messages.lang()));
  }

  /** Like {@link #make}, with links added after the playbook's (e.g. the IP holder's PTR portal). */
  public Finding make(String id, Severity severity, String subject, List<String> evidence, List<Link> extra, Object... args) {
    Finding f = make(id, severity, subject, evidence, args);
    List<Link> links = new ArrayList<>(f.links());
    extra.stream().filter(l -> !links.contains(l)).forEach(links::add);
    return new Finding(f.id(), f.check(), f.severity(), f.subject(), f.summary(), f.evidence(), f.fix(), links);
  }
}
