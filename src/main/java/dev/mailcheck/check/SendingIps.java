package dev.mailcheck.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The addresses whose PTR and reputation are checked. With {@code --from} or an IP target they are
 * known; for a bare domain they are assumed (docs/CONTRACTS.md "Command line"): the addresses of its mail hosts
 * plus the literal addresses of its own SPF record.
 */
public record SendingIps(boolean assumed, List<InetAddress> addresses) {

  static CompletableFuture<SendingIps> resolve(CheckContext ctx) {
    // An IP target is the sender it names, even when --from was given for the domains of the same command.
    if (ctx.target().isIp()) {
      return CompletableFuture.completedFuture(new SendingIps(false, List.of(ctx.target().ip())));
    }
    InetAddress from = ctx.options().from();
    if (from != null) {
      return CompletableFuture.completedFuture(new SendingIps(false, List.of(from)));
    }
    CompletableFuture<List<InetAddress>> spf = ctx.get(SPF_OWN_ADDRESSES);
    return ctx.mailHosts().thenCombine(spf, (hosts, spfAddresses) -> {
      List<InetAddress> all = new ArrayList<>(hosts.addresses());
      spfAddresses.stream().filter(a -> !all.contains(a)).forEach(all::add);
      return new SendingIps(true, List.copyOf(all));
    });
  }

  /**
   * Key of the shared result with the addresses of the domain's own SPF record (its ip4/ip6 host
   * literals and its own a/mx terms, not third-party includes); whichever check asks first computes it.
   */
  public static final SharedKey<List<InetAddress>> SPF_OWN_ADDRESSES =
      SharedKey.of("spfOwnAddresses", ctx -> dev.mailcheck.spf.SpfOwnAddresses.lookup(ctx.dns(), ctx.target().name()));
}
