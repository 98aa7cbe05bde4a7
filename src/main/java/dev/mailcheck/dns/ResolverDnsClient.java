package dev.mailcheck.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Sends questions to a list of recursive resolvers with dnsjava's non-blocking transport.
 *
 * <p>Each question gets a per-attempt timeout; a timeout, SERVFAIL or REFUSED is retried once on
 * the next resolver in the list (the same one when there is only one). A truncated UDP answer
 * (RFC 1035 §4.2.1, TC bit) is asked again over TCP (RFC 7766 §5). Every question that reaches the
 * wire is recorded in the {@link QueryTrace}.
 */
public final class ResolverDnsClient implements DnsClient {
  static {
    // dnsjava checks its pending queries for timeouts once per selector wake-up (1 s by default);
    // a shorter interval keeps timeouts close to what was asked for.
    if (System.getProperty("dnsjava.nio.selector_timeout") == null) {
      System.setProperty("dnsjava.nio.selector_timeout", "50");
    }
    // dnsjava's shutdown hook waits, without a bound, for its selector thread to close its
    // channels; the kernel closes them when the process ends anyway, and a hook that can wait
    // forever is how an exiting command could ignore SIGTERM. The selector thread is a daemon.
    if (System.getProperty("dnsjava.nio.register_shutdown_hook") == null) {
      System.setProperty("dnsjava.nio.register_shutdown_hook", "false");
    }
  }

  private static final int EDNS_PAYLOAD = 1232;

  private final List<InetSocketAddress> servers;
  private final Duration timeout;
  private final int attempts;
  private final QueryTrace trace;
  private final Executor executor;

  /**
   * @param servers resolvers to ask, in order of preference; never empty
   * @param timeout how long to wait for one attempt
   * @param attempts attempts per question (the first plus retries), at least 1
   */
  public ResolverDnsClient(List<InetSocketAddress> servers, Duration timeout, int attempts, QueryTrace trace) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no DNS resolver configured");
    }
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
    this.attempts = Math.max(1, attempts);
    this.trace = trace;
    this.executor = SHARED_EXECUTOR;
  }

  private static final ExecutorService SHARED_EXECUTOR =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-", 0).factory());

  public List<InetSocketAddress> servers() {
    return servers;
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    long start = System.nanoTime();
    return attempt(name, type, 0, start).thenApply(r -> {
      trace.add(r.answer, r.attempt + 1);
      return r.answer;
    });
  }

  private record Attempt(DnsAnswer answer, int attempt) {}

  private CompletableFuture<Attempt> attempt(Name name, int type, int n, long start) {
    InetSocketAddress server = servers.get(n % servers.size());
    return ask(server, name, type, false, start)
        .thenCompose(answer -> {
          boolean retryable = answer.outcome() == DnsOutcome.TIMEOUT
              || answer.outcome() == DnsOutcome.ERROR
              || ((answer.outcome() == DnsOutcome.SERVFAIL || answer.outcome() == DnsOutcome.REFUSED)
                  && servers.size() > 1);
          if (retryable && n + 1 < attempts) {
            return attempt(name, type, n + 1, start);
          }
          return CompletableFuture.completedFuture(new Attempt(answer, n));
        });
  }

  private CompletableFuture<DnsAnswer> ask(InetSocketAddress server, Name name, int type, boolean tcp, long start) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(timeout);
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(true);
    // DO (RFC 3225): the resolver returns RRSIGs and proofs, which the DNSSEC check validates.
    resolver.setEDNS(0, EDNS_PAYLOAD, ExtendedFlags.DO, List.of());
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    String where = Addresses.text(server);
    return resolver.sendAsync(query, executor)
        .toCompletableFuture()
        .handle((response, error) -> {
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          if (error != null) {
            DnsOutcome outcome = isTimeout(error) ? DnsOutcome.TIMEOUT : DnsOutcome.ERROR;
            // Over TCP only after a truncated UDP answer: say so, the record is there but too large.
            DnsAnswer failed = tcp
                ? DnsAnswer.failedOverTcp(name, type, outcome, elapsed, where)
                : DnsAnswer.failed(name, type, outcome, elapsed, where);
            String cause = outcome == DnsOutcome.ERROR ? causeOf(error) : null;
            return CompletableFuture.completedFuture(cause == null ? failed : failed.withCause(cause, null));
          }
          if (!tcp && response.getHeader().getFlag(Flags.TC)) {
            return ask(server, name, type, true, start);
          }
          return CompletableFuture.completedFuture(toAnswer(name, type, response, elapsed, where, tcp));
        })
        .thenCompose(f -> f);
  }

  /**
   * Why a question failed on the network, as a code the report words in the user's language; null
   * when the exception says nothing a reader could act on. The JDK's own text is never shown.
   */
  static String causeOf(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof java.net.PortUnreachableException) {
      return "port-unreachable";
    }
    if (t instanceof java.net.ConnectException) {
      return "connection-refused";
    }
    if (t instanceof java.net.NoRouteToHostException) {
      return "no-route";
    }
    if (t instanceof org.xbill.DNS.WireParseException) {
      return "malformed";
    }
    String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("network is unreachable")) {
      return "network-unreachable";
    }
    if (message.contains("connection reset") || message.contains("broken pipe") || t instanceof java.io.EOFException) {
      return "connection-closed";
    }
    return t instanceof IOException ? "network" : null;
  }

  private static boolean isTimeout(Throwable error) {
    Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return t instanceof SocketTimeoutException || t instanceof TimeoutException
        || (t instanceof IOException && String.valueOf(t.getMessage()).contains("timed out"));
  }

  /** Reads the answer section, following CNAMEs from the asked name (RFC 1034 §3.6.2). */
  public static DnsAnswer toAnswer(Name name, int type, Message response, Duration elapsed, String where, boolean tcp) {
    int rcode = response.getRcode();
    DnsOutcome outcome;
    switch (rcode) {
      case Rcode.NOERROR -> outcome = DnsOutcome.NOERROR;
      case Rcode.NXDOMAIN -> outcome = DnsOutcome.NXDOMAIN;
      case Rcode.SERVFAIL -> outcome = DnsOutcome.SERVFAIL;
      case Rcode.REFUSED -> outcome = DnsOutcome.REFUSED;
      default -> outcome = DnsOutcome.ERROR;
    }
    List<Record> answers = response.getSection(Section.ANSWER);
    List<CNAMERecord> aliases = new ArrayList<>();
    List<Record> matching = new ArrayList<>();
    Name owner = name;
    for (int hops = 0; hops < 16; hops++) {
      Name current = owner;
      CNAMERecord alias = null;
      for (Record r : answers) {
        if (!r.getName().equals(current)) {
          continue;
        }
        if (r.getType() == type) {
          matching.add(r);
        } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
          alias = (CNAMERecord) r;
        }
      }
      if (!matching.isEmpty() || alias == null) {
        break;
      }
      aliases.add(alias);
      owner = alias.getTarget();
    }
    if (outcome == DnsOutcome.NOERROR && matching.isEmpty()) {
      outcome = DnsOutcome.NODATA;
    }
    DnsAnswer answer = withDnssec(new DnsAnswer(name, type, outcome, matching, aliases, elapsed, where, tcp), response);
    // An RCODE other than the four with outcomes of their own (RFC 1035 §4.1.1, RFC 6895 §2.3): name it.
    return outcome == DnsOutcome.ERROR ? answer.withCause("rcode", Rcode.string(rcode)) : answer;
  }

  /** The AD flag, the answer section's RRSIGs and the authority section of a response. */
  public static DnsAnswer withDnssec(DnsAnswer answer, Message response) {
    List<org.xbill.DNS.RRSIGRecord> sigs = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof org.xbill.DNS.RRSIGRecord sig) {
        sigs.add(sig);
      }
    }
    return answer.withDnssec(response.getHeader().getFlag(Flags.AD), sigs, response.getSection(Section.AUTHORITY));
  }
}
