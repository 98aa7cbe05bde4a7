package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.owner.OriginAsn;
import dev.mailcheck.owner.PtrRoute;
import dev.mailcheck.owner.PtrRoutes;
import dev.mailcheck.owner.RdapBootstrap;
import dev.mailcheck.owner.RdapClient;
import dev.mailcheck.owner.RdapFailure;
import dev.mailcheck.owner.RdapNetwork;
import dev.mailcheck.playbook.Playbook;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Text;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds each sending IP, looked up once per IP per run and shared by the checks that need it
 * (the owner check reports it, the PTR check names the holder's route in its fix): the RDAP answer
 * and the origin AS go out together, and the route follows from both ({@link PtrRoutes}).
 */
public final class IpOwners {
  /** The run's lookups. */
  public static final SharedKey<IpOwners> KEY = SharedKey.of("ipOwners", ctx -> CompletableFuture.completedFuture(new IpOwners(ctx)));

  /** Longest an RDAP question may take (a registry that has not answered by then is not going to). */
  static final Duration RDAP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * An identified holder.
   *
   * @param asn the origin AS: the RDAP answer's, else Team Cymru's; null when neither gave one
   * @param asnFrom {@code rdap}, {@code cymru} or null
   * @param origin the origin-AS DNS answer (evidence)
   */
  public record Owner(InetAddress ip, RdapNetwork network, boolean cached, Long asn, String asnFrom, OriginAsn.Result origin,
      PtrRoute route) {

    /** The holder as a route names it ("KT"), else as the registry wrote it. */
    public String holderName() {
      return route.holder() != null ? route.holder() : network.holder();
    }

    /** The steps to get a PTR set, for the mail host name given (a String, or a Text in words). */
    public Text steps(Object host) {
      String url = route.link() == null ? "" : Playbook.bundled().link(route.link(), Lang.EN).url();
      return Text.of(route.text(), Addresses.text(ip), host, network.holder(), url);
    }
  }

  /** The outcome for one IP: an owner, or the failure that says why there is none. */
  public record Lookup(InetAddress ip, Owner owner, RdapFailure failure, OriginAsn.Result origin) {}

  private final CheckContext ctx;
  private final RdapClient client;
  private final ConcurrentHashMap<InetAddress, CompletableFuture<Lookup>> byIp = new ConcurrentHashMap<>();

  private IpOwners(CheckContext ctx) {
    this.ctx = ctx;
    this.client = new RdapClient(ctx.http(), ctx.probes().rdap(), RdapBootstrap.bundled(), ctx.rdapCache());
  }

  /** Whether the run looks owners up at all: not when the owner check, RDAP or HTTP is skipped. */
  public static boolean enabled(CheckContext ctx) {
    return !Checks.skipped(Checks.named(OwnerCheck.NAME), ctx.options());
  }

  /** The lookup of one IP; the first caller starts it, later callers share it. */
  public CompletableFuture<Lookup> of(InetAddress ip) {
    return byIp.computeIfAbsent(ip, this::start);
  }

  private CompletableFuture<Lookup> start(InetAddress ip) {
    CompletableFuture<OriginAsn.Result> origin = OriginAsn.lookup(ctx.dns(), ip);
    Duration left = ctx.remaining();
    // Leave the check time to report before the run's deadline.
    Duration timeout = min(RDAP_TIMEOUT, left.minus(left.dividedBy(10)));
    CompletableFuture<Object> rdap = CompletableFuture.supplyAsync(() -> {
      try {
        return client.lookup(ip, timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout);
      } catch (RdapFailure f) {
        return f;
      }
    }, ctx.executor().workers());
    return rdap.thenCombine(origin, (answer, asn) -> {
      if (answer instanceof RdapFailure f) {
        return new Lookup(ip, null, f, asn);
      }
      RdapClient.Answer a = (RdapClient.Answer) answer;
      Long number = a.network().asn() != null ? a.network().asn() : asn.asn();
      String from = a.network().asn() != null ? "rdap" : asn.asn() != null ? "cymru" : null;
      PtrRoute route = PtrRoutes.bundled().routeFor(a.network(), number);
      return new Lookup(ip, new Owner(ip, a.network(), a.cached(), number, from, asn, route), null, asn);
    });
  }

  /**
   * The owner of the IP if it is known within {@code wait}; null when lookups are off, the lookup
   * failed, or it takes longer (the PTR finding then keeps its generic fix rather than wait).
   */
  static CompletableFuture<Owner> ownerWithin(CheckContext ctx, InetAddress ip, Duration wait) {
    if (!enabled(ctx)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Owner> owner = new CompletableFuture<>();
    ctx.get(KEY).thenCompose(o -> o.of(ip)).whenComplete((l, e) -> owner.complete(e == null && l != null ? l.owner() : null));
    return ctx.executor().completeAfter(owner, null, wait);
  }

  /**
   * What a PTR finding's fix says about the holder: its name, the steps of its route, and the mail
   * host name those steps ask for (a String, or a Text in words when the run found none).
   */
  public record Route(String holder, Text steps, Object host) {}

  /**
   * The holder's route for the IP's PTR fix, or null when the holder is not known in time: the wait
   * ends a little before the run's deadline so that the PTR finding is still reported, with its
   * generic fix ({@code ptr.missing} must never turn into "could not check" for want of RDAP).
   * {@code natural} is the mail host the PTR check found already resolving to the IP, or null; when
   * given, the steps ask for that name.
   */
  static CompletableFuture<Route> routeWithin(CheckContext ctx, InetAddress ip, String natural) {
    Duration left = ctx.remaining();
    Duration wait = left.minus(max(Duration.ofMillis(100), left.dividedBy(10)));
    return ownerWithin(ctx, ip, wait.isNegative() ? Duration.ZERO : wait).thenCompose(o -> o == null
        ? CompletableFuture.completedFuture(null)
        : (natural != null ? CompletableFuture.<Object>completedFuture(natural) : mailHostFor(ctx, ip))
            .thenApply(host -> new Route(o.holderName(), o.steps(host), host)));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The mail host name a PTR should carry for the IP: the mail host of the domain that has the
   * address, else the domain's first mail host; for an IP checked on its own, words asking for
   * "your mail host name".
   */
  static CompletableFuture<Object> mailHostFor(CheckContext ctx, InetAddress ip) {
    Object unknown = Text.of("owner.host.unknown");
    if (ctx.target().isIp()) {
      return CompletableFuture.completedFuture(unknown);
    }
    return ctx.mailHosts().handle((hosts, e) -> {
      if (e != null || hosts == null || hosts.hosts().isEmpty() || hosts.kind() == MailHosts.Kind.NULL_MX) {
        return unknown;
      }
      List<MailHosts.MailHost> all = hosts.hosts();
      MailHosts.MailHost chosen = all.stream().filter(h -> h.addresses().contains(ip)).findFirst().orElse(all.get(0));
      return chosen.ipLiteral() ? unknown : DnsNames.display(chosen.name());
    });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
