package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsNames;
import dev.mailcheck.http.HttpFetchException;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.transport.MtaStsPolicy;
import dev.mailcheck.transport.MtaStsRecord;
import dev.mailcheck.transport.RecordSyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * MTA-STS (RFC 8461): the {@code _mta-sts} TXT record (§3.1), the policy fetched over HTTPS from
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} without following redirects (§3.3), its
 * grammar (§3.2), and whether every MX host matches one of its {@code mx} patterns (§4.1). The
 * fetch is an HTTP probe: with {@code --skip http} the record is checked and the finding says the
 * policy was not fetched.
 */
public final class MtaStsCheck implements Check {
  private static final FindingKind OK = FindingKind.of("mtasts.ok");
  private static final FindingKind OK_TESTING = OK.variant("testing");
  private static final FindingKind OK_NONE = OK.variant("none");
  private static final FindingKind OK_UNVERIFIED = OK.variant("unverified");
  private static final FindingKind MISSING = FindingKind.of("mtasts.missing");
  private static final FindingKind RECORD_INVALID = FindingKind.of("mtasts.record-invalid");
  private static final FindingKind RECORD_MULTIPLE = RECORD_INVALID.variant("multiple");
  private static final FindingKind UNREACHABLE = FindingKind.of("mtasts.policy-unreachable");
  private static final FindingKind UNREACHABLE_TLS = UNREACHABLE.variant("tls");
  private static final FindingKind UNREACHABLE_STATUS = UNREACHABLE.variant("status");
  private static final FindingKind UNREACHABLE_REDIRECT = UNREACHABLE.variant("redirect");
  private static final FindingKind POLICY_INVALID = FindingKind.of("mtasts.policy-invalid");
  private static final FindingKind MX_MISMATCH = FindingKind.of("mtasts.mx-mismatch");
  private static final FindingKind MX_MISMATCH_TESTING = MX_MISMATCH.variant("testing");

  /** RFC 8461 §3.3: senders may refuse a policy larger than 64 KiB. */
  static final long MAX_POLICY_BYTES = 64 * 1024;

  @Override
  public String name() {
    return "mtasts";
  }

  @Override
  public Area area() {
    return Area.TRANSPORT;
  }

  @Override
  public Set<Probe> optionalProbes() {
    // --skip http leaves the policy unfetched, not the whole check.
    return Set.of(Probe.HTTP);
  }

  static String policyHost(String domain) {
    return "mta-sts." + domain;
  }

  static String policyUrl(String domain) {
    return "https://" + policyHost(domain) + "/.well-known/mta-sts.txt";
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    CompletableFuture<DnsAnswer> txt = ctx.dns().query("_mta-sts." + domain, Type.TXT);
    CompletableFuture<MailHosts> hosts = ctx.mailHosts();
    if (!ctx.options().skips(Probe.HTTP.id())) {
      // The policy host's addresses go out with the record: the fetch then costs no further DNS round trip.
      ctx.dns().query(policyHost(domain), Type.A);
      ctx.dns().query(policyHost(domain), Type.AAAA);
    }
    return txt.thenCompose(answer -> {
      if (!answer.outcome().answered()) {
        return CompletableFuture.completedFuture(List.of(ctx.dnsFailure(name(), answer)));
      }
      FindingFactory f = ctx.findings();
      List<String> candidates = TxtRecords.texts(answer).stream().filter(MtaStsRecord::candidate).toList();
      if (candidates.isEmpty()) {
        return hosts.thenApply(h -> List.of(f.make(MISSING, Severity.INFO, domain, Evidence.answer(answer),
            domain, "_mta-sts." + domain, "v=STSv1; id=" + newId(), policyUrl(domain), policyText(h, "testing"))));
      }
      if (candidates.size() > 1) {
        return done(f.make(RECORD_MULTIPLE, Severity.WARN, domain, Evidence.answer(answer),
            domain, candidates.size(), "_mta-sts." + domain));
      }
      MtaStsRecord record;
      try {
        record = MtaStsRecord.parse(candidates.get(0));
      } catch (RecordSyntaxException e) {
        return done(f.make(RECORD_INVALID, Severity.WARN, domain, Evidence.answer(answer),
            domain, e.reason(), "_mta-sts." + domain, "v=STSv1; id=" + newId()));
      }
      if (ctx.options().skips(Probe.HTTP.id())) {
        return done(f.make(OK_UNVERIFIED, Severity.INFO, domain, Evidence.answer(answer), domain, record.id(), policyUrl(domain)));
      }
      return HttpsProbe.get(ctx, policyUrl(domain), MAX_POLICY_BYTES)
          .thenCombine(hosts, (outcome, h) -> policyFindings(ctx, answer, record, outcome, h));
    });
  }

  private List<Finding> policyFindings(CheckContext ctx, DnsAnswer answer, MtaStsRecord record, HttpsProbe.Outcome got, MailHosts hosts) {
    FindingFactory f = ctx.findings();
    String domain = ctx.target().name();
    String url = policyUrl(domain);
    List<String> ev = new ArrayList<>(Evidence.answer(answer));
    if (got.failure() != null) {
      ev.add(url + ": " + got.failure().getMessage());
      if (got.failure().kind() == HttpFetchException.Kind.TLS) {
        return List.of(f.make(UNREACHABLE_TLS, Severity.WARN, domain, ev, domain, url, policyHost(domain)));
      }
      return List.of(f.make(UNREACHABLE, Severity.WARN, domain, ev, domain, url, got.why()));
    }
    int status = got.result().status();
    ev.add("GET " + url + " -> " + status + (got.mediaType().isEmpty() ? "" : " " + got.mediaType()));
    if (status >= 300 && status < 400) {
      String to = String.valueOf(got.result().header("location"));
      return List.of(f.make(UNREACHABLE_REDIRECT, Severity.WARN, domain, ev, domain, url, to));
    }
    if (status != 200) {
      return List.of(f.make(UNREACHABLE_STATUS, Severity.WARN, domain, ev, domain, url, status));
    }
    String body = got.result().text();
    body.lines().limit(20).forEach(l -> ev.add("  " + l));
    MtaStsPolicy policy;
    try {
      if (!got.mediaType().equals("text/plain")) {
        throw new RecordSyntaxException("policy-media-type", got.mediaType().isEmpty() ? "-" : got.mediaType());
      }
      policy = MtaStsPolicy.parse(body);
    } catch (RecordSyntaxException e) {
      return List.of(f.make(POLICY_INVALID, Severity.WARN, domain, ev, domain, url, e.reason(), policyText(hosts, "testing")));
    }
    if (policy.mode() == MtaStsPolicy.Mode.NONE) {
      return List.of(f.make(OK_NONE, Severity.INFO, domain, ev, domain, url));
    }
    List<String> names = hostNames(hosts);
    if (hosts.kind() == MailHosts.Kind.UNKNOWN) {
      return List.of(ctx.dnsFailure(name(), hosts.failures().isEmpty() ? hosts.mx() : hosts.failures().get(0)));
    }
    List<String> unmatched = names.stream().filter(n -> !policy.matches(n)).toList();
    String mode = policy.mode().value();
    if (!unmatched.isEmpty()) {
      ev.add("MX: " + String.join(", ", names));
      List<String> lines = unmatched.stream().map(n -> "mx: " + n).toList();
      FindingKind kind = policy.mode() == MtaStsPolicy.Mode.ENFORCE ? MX_MISMATCH : MX_MISMATCH_TESTING;
      Severity sev = policy.mode() == MtaStsPolicy.Mode.ENFORCE ? Severity.FAIL : Severity.WARN;
      return List.of(f.make(kind, sev, domain, ev, domain, String.join(", ", unmatched), url,
          String.join("\n", lines), "_mta-sts." + domain, "v=STSv1; id=" + newId()));
    }
    if (policy.mode() == MtaStsPolicy.Mode.TESTING) {
      return List.of(f.make(OK_TESTING, Severity.INFO, domain, ev, domain, url, names.size()));
    }
    return List.of(f.make(OK, Severity.PASS, domain, ev, domain, mode, names.size(), policy.maxAge()));
  }

  private static List<String> hostNames(MailHosts hosts) {
    return hosts.hosts().stream().filter(h -> !h.ipLiteral()).map(h -> DnsNames.display(h.name())).toList();
  }

  /** A policy file for the domain's MX hosts, ready to publish. */
  static String policyText(MailHosts hosts, String mode) {
    StringBuilder b = new StringBuilder("version: STSv1\nmode: ").append(mode).append('\n');
    List<String> names = hostNames(hosts);
    if (names.isEmpty()) {
      b.append("mx: mail.example.com\n");
    }
    names.forEach(n -> b.append("mx: ").append(n).append('\n'));
    return b.append("max_age: 604800").toString();
  }

  /** A new policy id: the date and a counter, as operators usually write it (RFC 8461 §3.1: 1-32 letters and digits). */
  static String newId() {
    return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "01";
  }

  private static CompletableFuture<List<Finding>> done(Finding f) {
    return CompletableFuture.completedFuture(List.of(f));
  }
}
