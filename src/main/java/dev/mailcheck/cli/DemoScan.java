package dev.mailcheck.cli;

import dev.mailcheck.dns.LimitingDnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Cidr;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListHealth;
import dev.mailcheck.dnsbl.ListKind;
import dev.mailcheck.dnsbl.RangeScan;
import dev.mailcheck.dnsbl.ScanText;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The demo's range scan: a /29 of the demo world on the catalog's default lists, printed as
 * {@code mailcheck scan} prints it (the listed addresses with their meaning and delisting page, then
 * the summary). The range holds the demo's listed address and the one Spamhaus refuses to answer about.
 */
final class DemoScan {
  /** The demo range: 203.0.113.66 is listed, Spamhaus refuses the question about 203.0.113.67. */
  static final String RANGE = "203.0.113.64/29";

  private DemoScan() {}

  static void print(Lang language, PrintWriter out, InetSocketAddress server) throws InterruptedException {
    Cidr range = Cidr.parse(RANGE);
    ScanText words = new ScanText(language);
    out.println("=== " + Messages.of(language).get("scan.demo.note", RANGE));
    var client = new LimitingDnsClient(new ResolverDnsClient(List.of(server), Duration.ofSeconds(2), 2, QueryTrace.discarding()),
        new LimitingDnsClient.Limit(64));
    RangeScan.Summary s = new RangeScan(new Dnsbl(new ListHealth())).run(range, BlockLists.defaults().supporting(ListKind.IPV4), client, 64,
        (ip, listings) -> words.lines(ip, listings).forEach(l -> out.println("  " + l)));
    words.summary(s).forEach(l -> out.println("  " + l));
  }
}
