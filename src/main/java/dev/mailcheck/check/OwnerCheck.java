package dev.mailcheck.check;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.owner.OriginAsn;
import dev.mailcheck.owner.RdapNetwork;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who holds each sending IP (RDAP, RFC 9082/9083, through IANA's bootstrap, RFC 9224) and how to
 * get a PTR set there: {@code owner.identified} names the holder, the origin AS, the country, the
 * network and the holder's route (KT's DNS Management Service, an ISP's business customer centre,
 * the hosting company, the cloud's own setting). An address no registry could be asked about is
 * {@code owner.unidentified}, an error, never a guess.
 */
public final class OwnerCheck implements Check {
  static final String NAME = "owner";

  private static final FindingKind IDENTIFIED = FindingKind.of("owner.identified");
  private static final FindingKind IDENTIFIED_NO_ASN = IDENTIFIED.variant("no-asn");
  private static final FindingKind UNIDENTIFIED = FindingKind.of("owner.unidentified");
  private static final FindingKind NO_SERVICE = UNIDENTIFIED.variant("no-service");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Area area() {
    return Area.SENDING_IPS;
  }

  @Override
  public Set<Probe> probes() {
    // RDAP is its own probe family (it goes over HTTPS, but --skip http is about MTA-STS and BIMI fetches).
    return Set.of(Probe.RDAP);
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    return ctx.sendingIps().thenCompose(ips -> {
      if (ips.addresses().isEmpty()) {
        // No sender to look up; the PTR check reports why (a failed mail-host lookup).
        return CompletableFuture.completedFuture(List.<Finding>of());
      }
      CompletableFuture<IpOwners> owners = ctx.get(IpOwners.KEY);
      List<CompletableFuture<List<Finding>>> each = ips.addresses().stream()
          .map(ip -> ctx.beforeDeadline(name(), Addresses.text(ip), owners.thenCompose(o -> o.of(ip))
              .thenCombine(IpOwners.mailHostFor(ctx, ip), (lookup, host) -> List.of(finding(ctx, lookup, host)))))
          .toList();
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().flatMap(f -> f.join().stream()).toList());
    });
  }

  private static Finding finding(CheckContext ctx, IpOwners.Lookup lookup, Object host) {
    String ip = Addresses.text(lookup.ip());
    if (lookup.owner() == null) {
      List<Object> evidence = new ArrayList<>();
      if (lookup.failure().url() != null) {
        evidence.add("GET " + lookup.failure().url());
      }
      evidence.add(lookup.failure().reason());
      evidence.addAll(originEvidence(lookup.origin()));
      return lookup.failure().noService()
          ? ctx.findings().make(NO_SERVICE, Severity.INFO, ip, evidence, ip, lookup.failure().reason())
          : ctx.findings().make(UNIDENTIFIED, Severity.ERROR, ip, evidence, ip, lookup.failure().reason());
    }
    IpOwners.Owner o = lookup.owner();
    RdapNetwork n = o.network();
    List<Object> evidence = new ArrayList<>();
    evidence.add(Text.of(o.cached() ? "owner.evidence.rdap-cached" : "owner.evidence.rdap", n.url().toString(),
        n.name() == null ? "-" : n.name(), n.range(), n.country() == null ? "-" : n.country()));
    evidence.add(Text.of(switch (n.holderFrom()) {
      case "registrant" -> "owner.evidence.holder.registrant";
      case "description" -> "owner.evidence.holder.description";
      case "administrative" -> "owner.evidence.holder.administrative";
      default -> "owner.evidence.holder.name";
    }, n.holder()));
    if (n.nationalRegistry() != null) {
      evidence.add(Text.of("owner.evidence.national", n.nationalRegistry()));
    }
    evidence.addAll(originEvidence(o.origin()));
    // ARIN's networks carry no country; the origin-AS answer does.
    Object country = n.country() != null ? n.country()
        : o.origin() != null && o.origin().country() != null ? o.origin().country() : Text.of("owner.country.unknown");
    Text steps = o.steps(host);
    return o.asn() == null
        ? ctx.findings().make(IDENTIFIED_NO_ASN, Severity.INFO, ip, evidence, ip, o.holderName(), country, n.range(), steps, n.holder())
        : ctx.findings().make(IDENTIFIED, Severity.INFO, ip, evidence, ip, o.holderName(), country, n.range(), steps, n.holder(),
            "AS" + o.asn());
  }

  private static List<Object> originEvidence(OriginAsn.Result origin) {
    if (origin == null) {
      return List.of();
    }
    List<Object> out = new ArrayList<>(Evidence.answer(origin.answer()));
    if (origin.asn() == null) {
      out.add(Text.of("owner.evidence.no-origin"));
    }
    return out;
  }
}
