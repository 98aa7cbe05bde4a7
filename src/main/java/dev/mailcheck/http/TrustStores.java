package dev.mailcheck.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs HTTPS and the SMTP probe's STARTTLS are checked against: the JDK's, plus those of
 * {@code MAILCHECK_TRUSTSTORE}.
 */
public final class TrustStores {
  private TrustStores() {}

  /** The JDK's trust manager, or one that also trusts every certificate in the PEM file. */
  public static X509TrustManager with(Path pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : x509(defaults(null)).getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(pem)) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new IllegalArgumentException("MAILCHECK_TRUSTSTORE: " + pem + " holds no PEM certificate.");
      }
      for (Certificate c : extra) {
        store.setCertificateEntry("extra-" + n++, c);
      }
      return x509(defaults(store));
    } catch (IOException e) {
      throw new IllegalArgumentException("MAILCHECK_TRUSTSTORE: cannot read " + pem + " (" + e.getMessage() + ").");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("MAILCHECK_TRUSTSTORE: " + pem + " is not a PEM file of certificates.");
    }
  }

  /** The JDK's own trust manager. */
  public static X509TrustManager jdk() {
    try {
      return x509(defaults(null));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no default trust manager", e);
    }
  }

  private static TrustManager[] defaults(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return f.getTrustManagers();
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X.509 trust manager");
  }
}
