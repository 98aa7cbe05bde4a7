package dev.mailcheck.check;

import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.readiness.Readiness;
import dev.mailcheck.readiness.Requirements;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Provider readiness: for Gmail, Yahoo, Outlook.com, Naver and Daum, which of the receiver's
 * published sender requirements ({@code readiness/requirements.json}) the run's findings show met,
 * missed or not checked, and a verdict ({@code readiness.<provider>}). Asks nothing itself: it runs
 * {@linkplain Check#afterOthers() after the other checks} and reads what they found, so a check
 * added later (DMARC, DKIM, SMTP) counts here as soon as its finding IDs appear, with no change here.
 */
public final class ReadinessCheck implements Check {
  private static final FindingKind GMAIL_READY = FindingKind.of("readiness.gmail").variant("ready");
  private static final FindingKind GMAIL_INCOMPLETE = FindingKind.of("readiness.gmail").variant("incomplete");
  private static final FindingKind GMAIL_BULK = FindingKind.of("readiness.gmail").variant("bulk");
  private static final FindingKind GMAIL_MISSED = FindingKind.of("readiness.gmail").variant("missed");
  private static final FindingKind YAHOO_READY = FindingKind.of("readiness.yahoo").variant("ready");
  private static final FindingKind YAHOO_INCOMPLETE = FindingKind.of("readiness.yahoo").variant("incomplete");
  private static final FindingKind YAHOO_BULK = FindingKind.of("readiness.yahoo").variant("bulk");
  private static final FindingKind YAHOO_MISSED = FindingKind.of("readiness.yahoo").variant("missed");
  private static final FindingKind OUTLOOK_READY = FindingKind.of("readiness.outlook").variant("ready");
  private static final FindingKind OUTLOOK_INCOMPLETE = FindingKind.of("readiness.outlook").variant("incomplete");
  private static final FindingKind OUTLOOK_BULK = FindingKind.of("readiness.outlook").variant("bulk");
  private static final FindingKind OUTLOOK_MISSED = FindingKind.of("readiness.outlook").variant("missed");
  private static final FindingKind NAVER_READY = FindingKind.of("readiness.naver").variant("ready");
  private static final FindingKind NAVER_INCOMPLETE = FindingKind.of("readiness.naver").variant("incomplete");
  private static final FindingKind NAVER_BULK = FindingKind.of("readiness.naver").variant("bulk");
  private static final FindingKind NAVER_MISSED = FindingKind.of("readiness.naver").variant("missed");
  private static final FindingKind DAUM_READY = FindingKind.of("readiness.daum").variant("ready");
  private static final FindingKind DAUM_INCOMPLETE = FindingKind.of("readiness.daum").variant("incomplete");
  private static final FindingKind DAUM_BULK = FindingKind.of("readiness.daum").variant("bulk");
  private static final FindingKind DAUM_MISSED = FindingKind.of("readiness.daum").variant("missed");

  /** A receiver's finding in each of its wordings (by verdict). */
  private record Kinds(FindingKind ready, FindingKind incomplete, FindingKind bulk, FindingKind missed) {
    FindingKind of(String variant) {
      return switch (variant) {
        case "ready" -> ready;
        case "incomplete" -> incomplete;
        case "bulk" -> bulk;
        default -> missed;
      };
    }
  }

  /** The receivers, with their findings. */
  private static final Map<String, Kinds> KINDS = Map.of(
      "gmail", new Kinds(GMAIL_READY, GMAIL_INCOMPLETE, GMAIL_BULK, GMAIL_MISSED),
      "yahoo", new Kinds(YAHOO_READY, YAHOO_INCOMPLETE, YAHOO_BULK, YAHOO_MISSED),
      "outlook", new Kinds(OUTLOOK_READY, OUTLOOK_INCOMPLETE, OUTLOOK_BULK, OUTLOOK_MISSED),
      "naver", new Kinds(NAVER_READY, NAVER_INCOMPLETE, NAVER_BULK, NAVER_MISSED),
      "daum", new Kinds(DAUM_READY, DAUM_INCOMPLETE, DAUM_BULK, DAUM_MISSED));

  private final Requirements requirements = Requirements.bundled();

  public ReadinessCheck() {
    if (!KINDS.keySet().equals(requirements.providers())) {
      throw new IllegalStateException("readiness: requirements.json has " + requirements.providers() + ", the check reports " + KINDS.keySet());
    }
  }

  @Override
  public String name() {
    return "readiness";
  }

  @Override
  public Area area() {
    return Area.READINESS;
  }

  @Override
  public Set<Probe> probes() {
    return Set.of();
  }

  @Override
  public boolean afterOthers() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.earlier().thenApply(earlier -> {
      if (earlier.ran().isEmpty()) {
        // Every other check was left out: there is nothing to read, and no receiver can be called ready.
        return List.<Finding>of();
      }
      if (earlier.findings().stream().anyMatch(f -> f.id().equals(CheckContext.DOMAIN_NONEXISTENT.id()))) {
        // A domain that does not exist (usually a typo) gets its one finding, not a table of receivers' requirements.
        return List.<Finding>of();
      }
      Set<String> registered = Checks.all().stream().map(Check::name).filter(n -> !n.equals(name())).collect(Collectors.toSet());
      Readiness readiness = new Readiness(requirements, registered);
      List<Finding> out = new ArrayList<>();
      for (String provider : requirements.providers()) {
        out.add(finding(ctx, readiness.assess(provider, earlier.findings(), earlier.skipped())));
      }
      return out;
    });
  }

  private Finding finding(CheckContext ctx, Readiness.Verdict v) {
    List<Text> rows = v.rows().stream().map(ReadinessCheck::row).toList();
    List<Object> missed = new ArrayList<>();
    v.rows().stream().filter(r -> r.status() == Readiness.Status.MISSED).forEach(r -> {
      if (!missed.isEmpty()) {
        missed.add(", ");
      }
      missed.add(Text.of(r.requirement().titleKey()));
    });
    // Whole numbers as int: what a stored report reads back, so two runs compare equal (Finding.key()).
    int manual = (int) v.rows().stream().filter(r -> r.reason() == Readiness.Reason.MANUAL).count();
    int notChecked = (int) v.count(Readiness.Status.NOT_CHECKED) - manual;
    Text missedList = missed.isEmpty() ? Text.of("readiness.list.none") : Text.join(missed.toArray());
    FindingKind kind = KINDS.get(v.provider()).of(v.variant());
    return ctx.findings().make(kind, v.severity(), ctx.target().name(), rows,
        Text.of("readiness.provider." + v.provider()), (int) v.count(Readiness.Status.MET), (int) v.count(Readiness.Status.MISSED), notChecked, manual,
        missedList);
  }

  /** One line of the table: the status, the requirement, and what showed it or why it could not be told. */
  private static Text row(Readiness.Row r) {
    Object level = r.requirement().level() == Requirements.Level.BULK ? Text.of("readiness.level.bulk") : "";
    Text title = Text.of(r.requirement().titleKey());
    return switch (r.status()) {
      case MET -> Text.of("readiness.row.met", title, String.join(", ", r.shownBy()), level);
      case MISSED -> Text.of("readiness.row.missed", title, String.join(", ", r.shownBy()), level);
      case NOT_CHECKED -> Text.of("readiness.row.not-checked", title,
          Text.of("readiness.reason." + r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), String.join(", ", r.shownBy())), level);
    };
  }
}
