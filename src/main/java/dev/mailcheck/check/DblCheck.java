package dev.mailcheck.check;

import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListKind;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The target domain on the domain blocklists (RFC 5782 §3; Spamhaus DBL): {@code dbl.listed} per
 * list hit with every return code translated, {@code dbl.clean} otherwise; an unhealthy list or a
 * refused question is reported as {@code dnsbl.list-unhealthy} / {@code dnsbl.query-refused} under
 * this check's name.
 */
public final class DblCheck implements Check {
  private static final FindingKind LISTED = FindingKind.of("dbl.listed");
  private static final FindingKind CLEAN = FindingKind.of("dbl.clean");

  private final Supplier<BlockLists> lists;
  private final Dnsbl dnsbl;

  /** The lists of the process environment ({@code MAILCHECK_DNSBL}, {@code MAILCHECK_SPAMHAUS_DQS_KEY}). */
  public DblCheck() {
    this(BlockLists::fromEnvironment, Dnsbl.process());
  }

  /** These lists, with this health cache (the CLI with settings of its own; tests). */
  public DblCheck(BlockLists lists, Dnsbl dnsbl) {
    this(() -> lists, dnsbl);
  }

  private DblCheck(Supplier<BlockLists> lists, Dnsbl dnsbl) {
    this.lists = lists;
    this.dnsbl = dnsbl;
  }

  @Override
  public String name() {
    return "dbl";
  }

  @Override
  public Area area() {
    return Area.SENDING_IPS;
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    List<CompletableFuture<Lookup>> asked = lists.get().supporting(ListKind.DOMAIN).stream()
        .map(l -> dnsbl.domain(l, DnsNames.absolute(ctx.target().name()), ctx.dns(), true)).toList();
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(v -> {
      ListProblems problems = new ListProblems(ctx, name());
      List<Finding> out = new ArrayList<>();
      List<String> clean = new ArrayList<>();
      for (CompletableFuture<Lookup> f : asked) {
        Lookup l = f.join();
        if (problems.add(l)) {
          continue;
        }
        if (l.listed()) {
          out.add(DnsblCheck.listed(ctx, LISTED, l));
        } else if (l.clean()) {
          clean.add(l.list().name());
        }
      }
      if (!clean.isEmpty()) {
        String domain = ctx.target().name();
        out.add(ctx.findings().make(CLEAN, Severity.PASS, domain, List.of(), domain, clean.size(), String.join(", ", clean)));
      }
      out.addAll(problems.findings());
      return out;
    });
  }
}
