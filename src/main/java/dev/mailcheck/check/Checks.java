package dev.mailcheck.check;

import dev.mailcheck.report.Area;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry: every check a full run performs, in report order. Adding a check is one line here
 * (plus its class, its catalog, its texts and its test); the areas, the names {@code --skip}
 * accepts, the message bundles and the link files all follow from this list.
 */
public final class Checks {
  private static final List<Check> ALL = List.of(
      new MxCheck(),
      new SpfCheck(),
      new DkimCheck(),
      new DmarcCheck(),
      new BimiCheck(),
      new PtrCheck(),
      new OwnerCheck(),
      new DnsblCheck(),
      new DblCheck(),
      new SmtpCheck(),
      new HeloCheck(),
      new MtaStsCheck(),
      new TlsRptCheck(),
      new DnssecCheck(),
      new ReadinessCheck());

  private Checks() {}

  /** Every registered check. */
  public static List<Check> all() {
    return ALL;
  }

  /** The checks of a full run: all of them. */
  public static List<Check> standard() {
    return ALL;
  }

  /**
   * The checks of a full run with some replaced by differently configured instances of the same
   * name (the CLI's blocklists from its own settings).
   */
  public static List<Check> standardWith(Check... replacements) {
    List<Check> out = new ArrayList<>(ALL);
    for (Check r : replacements) {
      out.replaceAll(c -> c.name().equals(r.name()) ? r : c);
    }
    return List.copyOf(out);
  }

  /**
   * Every registered check, the blocklist checks asking these lists with a list-health cache of
   * their own (a command with settings of its own; the demo with its world's lists).
   */
  public static List<Check> withBlockLists(dev.mailcheck.dnsbl.BlockLists lists) {
    dev.mailcheck.dnsbl.Dnsbl dnsbl = new dev.mailcheck.dnsbl.Dnsbl(new dev.mailcheck.dnsbl.ListHealth());
    return standardWith(new DnsblCheck(lists, dnsbl), new DblCheck(lists, dnsbl));
  }

  /** Only the named checks (for a test of one check, so adding another check changes nothing there). */
  public static List<Check> only(String... names) {
    List<Check> out = new ArrayList<>();
    for (String n : names) {
      out.add(named(n));
    }
    return List.copyOf(out);
  }

  /** The registered check of that name; fails for a name no check has. */
  public static Check named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check named " + name + "; registered: "
            + ALL.stream().map(Check::name).toList()));
  }

  /** The area of a check's findings; findings of no registered check belong to the run. */
  public static Area areaOf(String check) {
    for (Check c : ALL) {
      if (c.name().equals(check)) {
        return c.area();
      }
    }
    return Area.RUN;
  }

  /**
   * What {@code --skip} may name: every check, and every probe family but DNS that a registered
   * check uses (so help and errors never offer to skip what this build does not do), in report order.
   */
  public static Set<String> skippable() {
    Set<String> out = new LinkedHashSet<>();
    ALL.forEach(c -> out.add(c.name()));
    probesBeyondDns().forEach(p -> out.add(p.id()));
    return java.util.Collections.unmodifiableSet(out);
  }

  /** The probe families other than DNS that some registered check uses (what leaves the DNS world). */
  public static List<Probe> probesBeyondDns() {
    return Arrays.stream(Probe.values()).filter(Probe::skippable)
        .filter(p -> ALL.stream().anyMatch(c -> c.probes().contains(p) || c.optionalProbes().contains(p))).toList();
  }

  /** The areas the registered checks report in, in report order (what a run's thread replies can be). */
  public static List<Area> areas() {
    return Arrays.stream(Area.values()).filter(a -> ALL.stream().anyMatch(c -> c.area() == a)).toList();
  }

  /**
   * Whether a registered check reads the DKIM selectors a request names (a check in the DKIM
   * area). Until one does, selectors are checked for syntax and passed on, and help does not offer them.
   */
  public static boolean readsSelectors() {
    return ALL.stream().anyMatch(c -> c.area() == Area.DKIM);
  }

  /** Whether the options leave the check out: by its name, or by a probe family it uses. */
  static boolean skipped(Check c, CheckOptions options) {
    return options.skips(c.name()) || c.probes().stream().anyMatch(p -> options.skips(p.id()));
  }
}
