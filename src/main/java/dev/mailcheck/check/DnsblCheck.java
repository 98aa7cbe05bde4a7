package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListAnswer;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Each sending IP on the blocklists (RFC 5782): every IP on every list that holds its family, all
 * at once, each list's test points probed before its answers count. Findings {@code dnsbl.listed}
 * (one per list hit, every return code translated, the list's TXT reason, its delisting page),
 * {@code dnsbl.clean} (one per IP, naming the lists that answered), {@code dnsbl.query-refused}
 * and {@code dnsbl.list-unhealthy} (once per list); a list that did not answer is {@code dns.*}.
 */
public final class DnsblCheck implements Check {
  private static final FindingKind LISTED = FindingKind.of("dnsbl.listed");
  private static final FindingKind CLEAN = FindingKind.of("dnsbl.clean");

  private final Supplier<BlockLists> lists;
  private final Dnsbl dnsbl;

  /** The lists of the process environment ({@code MAILCHECK_DNSBL}, {@code MAILCHECK_SPAMHAUS_DQS_KEY}). */
  public DnsblCheck() {
    this(BlockLists::fromEnvironment, Dnsbl.process());
  }

  /** These lists, with this health cache (the CLI with settings of its own; tests). */
  public DnsblCheck(BlockLists lists, Dnsbl dnsbl) {
    this(() -> lists, dnsbl);
  }

  private DnsblCheck(Supplier<BlockLists> lists, Dnsbl dnsbl) {
    this.lists = lists;
    this.dnsbl = dnsbl;
  }

  @Override
  public String name() {
    return "dnsbl";
  }

  @Override
  public Area area() {
    return Area.SENDING_IPS;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    BlockLists chosen = lists.get();
    return ctx.sendingIps().thenCompose(ips -> {
      if (ips.assumed() && ips.addresses().isEmpty()) {
        // No sender could be derived because the mail-host lookup failed: say so, never "clean".
        return ctx.mailHosts().thenApply(hosts -> hosts.failures().stream().map(a -> ctx.dnsFailure(name(), a)).toList());
      }
      Map<InetAddress, List<CompletableFuture<Lookup>>> asked = new LinkedHashMap<>();
      for (InetAddress ip : ips.addresses()) {
        asked.put(ip, chosen.supporting(BlockList.kindOf(ip)).stream().map(l -> dnsbl.address(l, ip, ctx.dns(), true)).toList());
      }
      CompletableFuture<?>[] all = asked.values().stream().flatMap(List::stream).toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(all).thenApply(v -> report(ctx, asked));
    });
  }

  private List<Finding> report(CheckContext ctx, Map<InetAddress, List<CompletableFuture<Lookup>>> asked) {
    ListProblems problems = new ListProblems(ctx, name());
    List<Finding> out = new ArrayList<>();
    asked.forEach((ip, lookups) -> {
      List<String> clean = new ArrayList<>();
      for (CompletableFuture<Lookup> f : lookups) {
        Lookup l = f.join();
        if (problems.add(l)) {
          continue;
        }
        if (l.listed()) {
          out.add(listed(ctx, LISTED, l));
        } else if (l.clean()) {
          clean.add(l.list().name());
        }
      }
      if (!clean.isEmpty()) {
        String subject = Addresses.text(ip);
        out.add(ctx.findings().make(CLEAN, Severity.PASS, subject, List.of(), subject, clean.size(), String.join(", ", clean)));
      }
    });
    out.addAll(problems.findings());
    return out;
  }

  /**
   * A listing: arguments {subject, list, zone, meanings, fixes, delisting link}; the evidence is the
   * answer, the list's TXT reason and, for a list that answers only registered resolvers, that note.
   */
  static Finding listed(CheckContext ctx, FindingKind kind, Lookup l) {
    ListAnswer.Listed listed = (ListAnswer.Listed) l.answer();
    Severity worst = Severity.PASS;
    List<Object> meanings = new ArrayList<>();
    List<Object> fixes = new ArrayList<>();
    List<String> fixKeys = new ArrayList<>();
    for (ListAnswer.Hit h : listed.hits()) {
      if (h.code().severity().compareTo(worst) > 0) {
        worst = h.code().severity();
      }
      if (!meanings.isEmpty()) {
        meanings.add("; ");
      }
      meanings.add(dev.mailcheck.report.Text.of(h.code().meaningKey(), h.answer()));
      if (!fixKeys.contains(h.code().fixKey())) {
        if (!fixes.isEmpty()) {
          fixes.add(" ");
        }
        fixKeys.add(h.code().fixKey());
        fixes.add(dev.mailcheck.report.Text.of(h.code().fixKey(), l.subject()));
      }
    }
    List<Object> evidence = new ArrayList<>(Evidence.answer(l.raw()));
    l.reasons().forEach(r -> evidence.add(dev.mailcheck.report.Text.of("dnsbl.evidence.txt", r)));
    if (l.list().access() == dev.mailcheck.dnsbl.Access.REGISTRATION) {
      evidence.add(dev.mailcheck.report.Text.of("dnsbl.evidence.access", l.list().name()));
    }
    BlockList list = l.list();
    return ctx.findings().make(kind, worst, l.subject(), evidence, l.subject(), list.name(), list.display(),
        dev.mailcheck.report.Text.join(meanings.toArray()), dev.mailcheck.report.Text.join(fixes.toArray()),
        list.delist() == null ? "" : list.delist());
  }
}
