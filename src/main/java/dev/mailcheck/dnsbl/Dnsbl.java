package dev.mailcheck.dnsbl;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsNames;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Asks lists about addresses and domains: the list's test points and the question go out together;
 * a listing's TXT reason follows. Never completes exceptionally: failures are {@link ListAnswer.Failed}.
 */
public final class Dnsbl {
  private static final Dnsbl PROCESS = new Dnsbl(new ListHealth());

  private final ListHealth health;

  /** The one of this process: list health is probed once per process (per {@link ListHealth#TTL}). */
  public static Dnsbl process() {
    return PROCESS;
  }

  /** @param health the cache of list health verdicts, shared by every run of the process */
  public Dnsbl(ListHealth health) {
    this.health = health;
  }

  /** The health verdicts this instance keeps. */
  public ListHealth health() {
    return health;
  }

  /**
   * An address on a list that supports its family.
   *
   * @param reasons whether to fetch the TXT reason of a listing (a scan of a range does not)
   */
  public CompletableFuture<Lookup> address(BlockList list, InetAddress ip, DnsClient dns, boolean reasons) {
    ListKind kind = BlockList.kindOf(ip);
    return ask(list, kind, Addresses.text(ip), list.queryName(ip), dns, reasons);
  }

  /** A domain on a domain list; a name too long to ask about is reported as an error answer. */
  public CompletableFuture<Lookup> domain(BlockList list, Name domain, DnsClient dns, boolean reasons) {
    Name q = list.queryName(domain).orElse(null);
    if (q == null) {
      DnsAnswer tooLong = DnsAnswer.failed(domain, Type.A, dev.mailcheck.dns.DnsOutcome.ERROR, java.time.Duration.ZERO, "-");
      return health.of(list, ListKind.DOMAIN, dns).thenApply(h ->
          new Lookup(list, DnsNames.display(domain), domain, h, new ListAnswer.Failed(tooLong), tooLong, List.of()));
    }
    return ask(list, ListKind.DOMAIN, DnsNames.display(domain), q, dns, reasons);
  }

  private CompletableFuture<Lookup> ask(BlockList list, ListKind kind, String subject, Name q, DnsClient dns, boolean reasons) {
    CompletableFuture<Health> h = health.of(list, kind, dns);
    CompletableFuture<DnsAnswer> a = dns.query(q, Type.A);
    return h.thenCombine(a, (hv, av) -> new Lookup(list, subject, q, hv, ListAnswer.of(list, av), av, List.of()))
        .thenCompose(l -> !reasons || !l.listed() ? CompletableFuture.completedFuture(l)
            : dns.query(q, Type.TXT).thenApply(txt -> new Lookup(l.list(), l.subject(), l.question(), l.health(), l.answer(),
                l.raw(), txt.records(TXTRecord.class).stream().flatMap(t -> t.getStrings().stream()).limit(4).toList())));
  }
}
