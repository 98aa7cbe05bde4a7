package dev.mailcheck.smtp;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the TLS handshake after STARTTLS showed. The handshake accepts any certificate so that a
 * bad one can be described, never refused; whether a sender would trust it is in {@link #problems}.
 *
 * @param handshakeError why the handshake failed, or null when it succeeded
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipher the cipher suite
 * @param chain the certificates the server sent, its own first
 * @param problems what is wrong with them; empty when a sender validating them would accept
 * @param trustDetail the validator's reason when the chain is not trusted, else null
 */
public record TlsResult(String handshakeError, String protocol, String cipher, List<X509Certificate> chain,
    List<CertProblem> problems, String trustDetail) {

  public TlsResult {
    chain = List.copyOf(chain);
    problems = List.copyOf(problems);
  }

  static TlsResult failed(String why) {
    return new TlsResult(why, null, null, List.of(), List.of(), null);
  }

  public boolean handshakeOk() {
    return handshakeError == null;
  }

  /** The server's own certificate, or null when none came. */
  public X509Certificate leaf() {
    return chain.isEmpty() ? null : chain.get(0);
  }

  /** What can be wrong with a certificate, as a sender checking it sees it. */
  public enum CertProblem {
    /** The server's certificate, or one of its chain, is past its notAfter date. */
    EXPIRED,
    /** Its notBefore date is still to come. */
    NOT_YET_VALID,
    /** It is signed by itself and by no CA a sender trusts. */
    SELF_SIGNED,
    /** Its chain does not lead to a trusted CA (a private CA, a missing intermediate). */
    UNTRUSTED,
    /** None of its names is the host name mail is sent to (RFC 6125 §6). */
    NAME_MISMATCH
  }
}
