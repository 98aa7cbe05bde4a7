package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The addresses a domain's own SPF record names: single-address {@code ip4}/{@code ip6} terms
 * (/32, /128; a range is no one server), and the addresses of its own {@code a} and {@code mx} terms.
 * Third-party includes and redirects are left out: those servers belong to someone else
 * (docs/CONTRACTS.md "Command line"). Used as assumed sending IPs when no {@code --from} is given.
 */
public final class SpfOwnAddresses {
  private SpfOwnAddresses() {}

  /** Never completes exceptionally; no record, a DNS failure or a syntax error give an empty list. */
  public static CompletableFuture<List<InetAddress>> lookup(DnsClient dns, String domain) {
    Name name = SpfNames.forCheckHost(domain);
    if (name == null) {
      return CompletableFuture.completedFuture(List.of());
    }
    MacroExpander.Values values = new MacroExpander.Values("postmaster@" + domain, "postmaster", domain,
        SpfNames.strip(domain), InetAddress.getLoopbackAddress(), domain, null, null, 0);
    return dns.query(name, Type.TXT).thenCompose(txt -> {
      if (!(SpfRecords.select(txt) instanceof SpfRecords.One one) || one.record() == null) {
        return CompletableFuture.completedFuture(List.<InetAddress>of());
      }
      List<InetAddress> literal = new ArrayList<>();
      List<CompletableFuture<List<InetAddress>>> looked = new ArrayList<>();
      for (Mechanism m : one.record().mechanisms()) {
        switch (m.kind()) {
          case IP4 -> {
            if (m.cidr4() == 32) {
              literal.add(m.network());
            }
          }
          case IP6 -> {
            if (m.cidr6() == 128) {
              literal.add(SpfRequest.normalize(m.network()));
            }
          }
          case A -> {
            Name target = target(m, values);
            if (target != null) {
              looked.add(addresses(dns, target));
            }
          }
          case MX -> {
            Name target = target(m, values);
            if (target != null) {
              looked.add(dns.query(target, Type.MX).thenCompose(mx -> {
                List<CompletableFuture<List<InetAddress>>> hosts = mx.records(MXRecord.class).stream()
                    .limit(SpfEvaluator.MAX_MX_NAMES).map(MXRecord::getTarget).filter(t -> !t.equals(Name.root))
                    .map(t -> addresses(dns, t)).toList();
                return all(hosts);
              }));
            }
          }
          default -> {
            // include, redirect, exists, ptr, all: not the domain's own servers.
          }
        }
      }
      return all(looked).thenApply(found -> {
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : literal) {
          if (!out.contains(a)) {
            out.add(a);
          }
        }
        found.stream().filter(a -> !out.contains(a)).forEach(out::add);
        return List.copyOf(out);
      });
    });
  }

  private static Name target(Mechanism m, MacroExpander.Values values) {
    if (m.domainSpec() == null) {
      return SpfNames.forQuery(values.domain());
    }
    if (MacroExpander.dependsOnClient(m.domainSpec())) {
      return null;
    }
    try {
      return SpfNames.forQuery(MacroExpander.expand(m.domainSpec(), values));
    } catch (SpfSyntaxException e) {
      return null;
    }
  }

  private static CompletableFuture<List<InetAddress>> addresses(DnsClient dns, Name name) {
    CompletableFuture<DnsAnswer> a = dns.query(name, Type.A);
    CompletableFuture<DnsAnswer> aaaa = dns.query(name, Type.AAAA);
    return a.thenCombine(aaaa, (four, six) -> {
      List<InetAddress> out = new ArrayList<>();
      four.records(ARecord.class).forEach(r -> out.add(r.getAddress()));
      six.records(AAAARecord.class).forEach(r -> out.add(r.getAddress()));
      return out;
    });
  }

  private static CompletableFuture<List<InetAddress>> all(List<CompletableFuture<List<InetAddress>>> parts) {
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().flatMap(p -> p.join().stream()).toList());
  }
}
