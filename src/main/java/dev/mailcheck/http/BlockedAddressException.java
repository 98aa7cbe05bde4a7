package dev.mailcheck.http;

import java.net.UnknownHostException;

/**
 * A host that resolves only to (or is) addresses in special-use ranges. An
 * {@link UnknownHostException} because that is what {@link okhttp3.Dns#lookup} may throw; the
 * socket guard throws it too, so both paths read the same.
 */
final class BlockedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  BlockedAddressException(String message) {
    super(message);
  }
}
