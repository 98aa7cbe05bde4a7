package dev.mailcheck.dnssec;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Validates answers with dnsjava's {@link ValidatingResolver} (RFC 4035 §5) from the given trust
 * anchors. The validator's questions (the answer itself, then DS and DNSKEY zone by zone) go
 * through the run's {@link DnsClient}, so they share the run's cache and trace; a question that
 * could not be answered (time-out, SERVFAIL) makes the result {@link Status#UNKNOWN}, never bogus.
 */
public final class DnssecValidator {
  static {
    // The validator logs each bad signature as a warning; the check reports it as a finding, once.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.xbill.DNS.dnssec") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.xbill.DNS.dnssec", "error");
    }
  }

  /** The security status of an answer (RFC 4033 §5, RFC 4035 §4.3). */
  public enum Status {
    /** A chain of signatures leads from the trust anchor to the answer. */
    SECURE,
    /** A signed parent proves the zone is not signed. */
    INSECURE,
    /** The chain should be there but does not hold: a bad or expired signature, a key the DS does not name. */
    BOGUS,
    /** A question on the way could not be answered. */
    UNKNOWN
  }

  /**
   * @param reason the validator's own words for a bogus or insecure result (English), or null
   * @param failed the question that could not be answered, for {@link Status#UNKNOWN}
   */
  public record Result(Status status, String reason, DnsAnswer failed) {}

  private final DnsClient dns;
  private final ValidatingResolver validator;
  private final Map<String, DnsAnswer> failures = new ConcurrentHashMap<>();

  public DnssecValidator(DnsClient dns, TrustAnchors anchors, Clock clock) {
    this.dns = dns;
    this.validator = new ValidatingResolver(new ClientResolver(), clock);
    try {
      validator.loadTrustAnchors(new ByteArrayInputStream(anchors.text().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("the trust anchors (" + anchors.source() + ") cannot be read: " + e.getMessage(), e);
    }
  }

  /** Validates the answer to one question. */
  public CompletableFuture<Result> validate(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return validator.sendAsync(query, Runnable::run).toCompletableFuture().handle((response, error) -> {
      if (error != null) {
        return new Result(Status.UNKNOWN, String.valueOf(error.getMessage()), failures.values().stream().findFirst().orElse(null));
      }
      String reason = reason(response);
      if (response.getHeader().getFlag(Flags.AD)) {
        return new Result(Status.SECURE, null, null);
      }
      if (response.getRcode() == Rcode.SERVFAIL) {
        // A question on the way that went unanswered is "could not check", never "bogus".
        DnsAnswer failed = failures.values().stream().findFirst().orElse(null);
        return failed != null ? new Result(Status.UNKNOWN, reason, failed) : new Result(Status.BOGUS, reason, null);
      }
      return new Result(Status.INSECURE, reason, null);
    });
  }

  /** The validator's reason, a TXT record of its private class in the additional section. */
  private static String reason(Message response) {
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord txt) {
        return String.join("", txt.getStrings());
      }
    }
    return null;
  }

  /** The validator's upstream: the run's client, its answers rebuilt as the messages a resolver would send. */
  private final class ClientResolver implements Resolver {
    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      Record q = query.getQuestion();
      return dns.query(q.getName(), q.getType()).thenApply(a -> message(query, a));
    }

    private Message message(Message query, DnsAnswer a) {
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setFlag(Flags.RD);
      m.getHeader().setFlag(Flags.RA);
      m.getHeader().setFlag(Flags.CD);
      m.addRecord(query.getQuestion(), Section.QUESTION);
      if (!a.outcome().answered()) {
        failures.putIfAbsent(a.question(), a);
        m.getHeader().setRcode(Rcode.SERVFAIL);
        return m;
      }
      m.getHeader().setRcode(a.outcome() == DnsOutcome.NXDOMAIN ? Rcode.NXDOMAIN : Rcode.NOERROR);
      a.aliases().forEach(r -> m.addRecord(r, Section.ANSWER));
      a.records().forEach(r -> m.addRecord(r, Section.ANSWER));
      a.signatures().forEach(r -> m.addRecord(r, Section.ANSWER));
      a.authority().forEach(r -> m.addRecord(r, Section.AUTHORITY));
      return m;
    }

    @Override
    public void setPort(int port) {
      // The run's client knows where to ask.
    }

    @Override
    public void setTCP(boolean flag) {
      // The run's client retries truncated answers over TCP itself.
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
      // As above.
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
      // The run's client always asks with EDNS and the DO bit.
    }

    @Override
    public void setTSIGKey(TSIG key) {
      // Not used.
    }

    @Override
    public void setTimeout(Duration timeout) {
      // The run's client has its own per-attempt timeout, fitted to the run's deadline.
    }
  }
}
