package dev.mailcheck.http;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Type;

/**
 * OkHttp's name resolution through the run's own {@link DnsClient} (the resolvers the user chose,
 * never the system's), dropping the addresses {@link AddressGuard} refuses. A and AAAA are asked
 * at once; a name whose every address is refused fails with {@link BlockedAddressException}.
 */
final class GuardedDns implements Dns {
  private final DnsClient dns;
  private final AddressGuard guard;
  private final Duration timeout;

  GuardedDns(DnsClient dns, AddressGuard guard, Duration timeout) {
    this.dns = dns;
    this.guard = guard;
    this.timeout = timeout;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    CompletableFuture<DnsAnswer> a;
    CompletableFuture<DnsAnswer> aaaa;
    try {
      a = dns.query(DnsNames.absolute(hostname), Type.A);
      aaaa = dns.query(DnsNames.absolute(hostname), Type.AAAA);
    } catch (IllegalArgumentException e) {
      throw new UnknownHostException("'" + hostname + "' is not a valid host name.");
    }
    DnsAnswer four = await(a, hostname);
    DnsAnswer six = await(aaaa, hostname);
    List<InetAddress> found = new ArrayList<>();
    four.records(ARecord.class).forEach(r -> found.add(r.getAddress()));
    six.records(AAAARecord.class).forEach(r -> found.add(r.getAddress()));
    if (found.isEmpty()) {
      if (!four.outcome().answered() && !six.outcome().answered()) {
        throw new UnknownHostException("could not look up the address of " + hostname + " ("
            + four.outcome().name().toLowerCase(java.util.Locale.ROOT) + ").");
      }
      throw new UnknownHostException(hostname + " has no address (no A or AAAA record).");
    }
    List<InetAddress> allowed = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (InetAddress address : found) {
      String why = guard.refusal(address);
      if (why == null) {
        allowed.add(address);
      } else {
        refused.add(why);
      }
    }
    if (allowed.isEmpty()) {
      throw AddressGuard.blocked(hostname, String.join(", ", refused));
    }
    return allowed;
  }

  private DnsAnswer await(CompletableFuture<DnsAnswer> answer, String hostname) throws UnknownHostException {
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new UnknownHostException("could not look up the address of " + hostname + " in time.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnknownHostException("interrupted while looking up " + hostname + ".");
    }
  }
}
