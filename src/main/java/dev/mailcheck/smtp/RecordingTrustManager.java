package dev.mailcheck.smtp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Lets every handshake through and remembers what the real trust manager would have said: the
 * probe must see an expired or self-signed certificate to describe it, and sends nothing over
 * the connection that would need protecting. One per conversation.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NONE = new X509Certificate[0];

  private final X509TrustManager judge;
  private volatile List<X509Certificate> chain = List.of();
  private volatile CertificateException verdict;

  RecordingTrustManager(X509TrustManager judge) {
    this.judge = judge;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  /** Why the chain is not trusted, or null when it is. */
  CertificateException verdict() {
    return verdict;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType) {
    chain = certs == null ? List.of() : List.of(certs);
    try {
      // The two-argument form: chain and validity only; the name is matched by CertificateNames.
      judge.checkServerTrusted(certs, authType);
      verdict = null;
    } catch (CertificateException | IllegalArgumentException e) {
      verdict = e instanceof CertificateException c ? c : new CertificateException(e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) {
    checkServerTrusted(certs, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) {
    checkServerTrusted(certs, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
    throw new CertificateException("the probe is a client only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(certs, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
    checkClientTrusted(certs, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NONE;
  }
}
