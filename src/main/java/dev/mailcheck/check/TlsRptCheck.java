package dev.mailcheck.check;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.transport.RecordSyntaxException;
import dev.mailcheck.transport.TlsRptRecord;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * SMTP TLS reporting (RFC 8460): the {@code _smtp._tls.<domain>} TXT record (§3), where senders
 * send daily reports of the TLS failures they met delivering to the domain.
 */
public final class TlsRptCheck implements Check {
  private static final FindingKind OK = FindingKind.of("tlsrpt.ok");
  private static final FindingKind MISSING = FindingKind.of("tlsrpt.missing");
  private static final FindingKind INVALID = FindingKind.of("tlsrpt.invalid");
  private static final FindingKind INVALID_MULTIPLE = INVALID.variant("multiple");

  @Override
  public String name() {
    return "tlsrpt";
  }

  @Override
  public Area area() {
    return Area.TRANSPORT;
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    String owner = "_smtp._tls." + domain;
    return ctx.dns().query(owner, Type.TXT).thenApply(answer -> List.of(finding(ctx, domain, owner, answer)));
  }

  private Finding finding(CheckContext ctx, String domain, String owner, DnsAnswer answer) {
    if (!answer.outcome().answered()) {
      return ctx.dnsFailure(name(), answer);
    }
    FindingFactory f = ctx.findings();
    String example = "v=TLSRPTv1; rua=mailto:tls-reports@" + domain;
    List<String> candidates = TxtRecords.texts(answer).stream().filter(TlsRptRecord::candidate).toList();
    if (candidates.isEmpty()) {
      return f.make(MISSING, Severity.INFO, domain, Evidence.answer(answer), domain, owner, example);
    }
    if (candidates.size() > 1) {
      return f.make(INVALID_MULTIPLE, Severity.WARN, domain, Evidence.answer(answer), domain, candidates.size(), owner);
    }
    try {
      TlsRptRecord r = TlsRptRecord.parse(candidates.get(0));
      return f.make(OK, Severity.PASS, domain, Evidence.answer(answer), domain,
          String.join(", ", r.rua().stream().map(URI::toString).toList()));
    } catch (RecordSyntaxException e) {
      return f.make(INVALID, Severity.WARN, domain, Evidence.answer(answer), domain, e.reason(), owner, example);
    }
  }
}
