package dev.mailcheck.dns;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The one way the engine asks DNS questions. Asynchronous so that a check can send all of its
 * independent questions at once; never completes exceptionally: failures are outcomes.
 */
public interface DnsClient {

  /** Asks for records of {@code type} (an {@link org.xbill.DNS.Type} constant) at an absolute name. */
  CompletableFuture<DnsAnswer> query(Name name, int type);

  /** Convenience for a name in presentation form; a relative name is made absolute. */
  default CompletableFuture<DnsAnswer> query(String name, int type) {
    return query(DnsNames.absolute(name), type);
  }

  /** Thrown by {@link DnsNames} for text that cannot be a domain name. */
  final class BadNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadNameException(String name, TextParseException cause) {
      super("not a valid domain name: " + name, cause);
    }
  }
}
