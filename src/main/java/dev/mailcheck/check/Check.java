package dev.mailcheck.check;

import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One diagnostic, describing itself: its name, the area of the report it belongs to, the probe
 * families it uses and its finding catalog. {@link Checks} lists every check; the areas, the names
 * {@code --skip} accepts, the message bundles and the link files are read from there.
 *
 * <p>{@link #run} must never complete exceptionally: what a check cannot determine is an error finding.
 */
public interface Check {

  /** The short name used as the {@code check} of its findings and by {@code --skip}, e.g. {@code mx}. */
  String name();

  /** The part of the report (one Slack thread reply) its findings belong to. */
  Area area();

  /**
   * The outside systems it asks; skipping any of them ({@code --skip http}) leaves the check out.
   * Default: DNS only.
   */
  default Set<Probe> probes() {
    return Set.of(Probe.DNS);
  }

  /**
   * Outside systems it asks when allowed and does without otherwise: skipping one ({@code --skip
   * http}) leaves that part of the check out, not the check (MTA-STS without its policy fetch).
   */
  default Set<Probe> optionalProbes() {
    return Set.of();
  }

  /** The resource of its finding catalog: {@code /dev/mailcheck/catalog/<name>.json}. */
  default String catalog() {
    return "/dev/mailcheck/catalog/" + name() + ".json";
  }

  /**
   * Whether this check has anything to say about the run's target (beyond {@link #aboutDomainRecords()},
   * which the engine applies itself). Default: yes.
   */
  default boolean appliesTo(CheckContext ctx) {
    return true;
  }

  CompletableFuture<List<Finding>> run(CheckContext ctx);

  /**
   * Whether this check reads what the others found rather than asking anything itself. The engine
   * starts such a check once every other check of the run has finished (or been cut off at the
   * deadline), and {@link CheckContext#earlier()} then holds their findings. Its area is announced
   * last. Default: no.
   */
  default boolean afterOthers() {
    return false;
  }

  /**
   * Whether it looks at the domain's own records (DKIM, DMARC, MTA-STS, …). The engine then runs it
   * only for a domain target, and drops its findings when the domain does not exist: the run's
   * {@code domain.nonexistent} (reported by MX, else SPF) is then the one finding, not a "missing"
   * per record type ({@link CheckContext#unlessNonexistent}). Default: no (checks about a sending IP,
   * and MX and SPF, which report the missing domain themselves).
   */
  default boolean aboutDomainRecords() {
    return false;
  }
}
