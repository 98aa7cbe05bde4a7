package dev.mailcheck.smtp;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a certificate names a host, by the rules of RFC 6125 §6.4: the DNS names of the
 * subjectAltName (§6.4.4: the subject's CN only when there is none), compared case-insensitively;
 * a wildcard only as the whole left-most label, standing for exactly one label (§6.4.3), and never
 * directly under a top-level domain.
 */
public final class CertificateNames {
  private static final int DNS_NAME = 2;

  private CertificateNames() {}

  /** The names the certificate is for: its DNS subjectAltNames, else its CN. */
  public static List<String> of(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // An unreadable extension names nothing; the CN fallback below decides.
    }
    if (out.isEmpty()) {
      String cn = commonName(c);
      if (cn != null) {
        out.add(cn);
      }
    }
    return out;
  }

  static boolean matches(X509Certificate c, String host) {
    String h = normal(host);
    return of(c).stream().anyMatch(pattern -> matches(normal(pattern), h));
  }

  static boolean matches(String pattern, String host) {
    if (pattern.equals(host)) {
      return true;
    }
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String parent = pattern.substring(2);
    int dot = host.indexOf('.');
    // "*.com" would stand for every .com host: RFC 6125 §7.2 and the CA/B rules refuse it.
    return parent.indexOf('.') > 0 && dot > 0 && host.substring(dot + 1).equals(parent);
  }

  private static String normal(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static String commonName(X509Certificate c) {
    try {
      List<Rdn> rdns = new LdapName(c.getSubjectX500Principal().getName()).getRdns();
      for (int i = rdns.size() - 1; i >= 0; i--) {
        if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdns.get(i).getValue());
        }
      }
    } catch (InvalidNameException e) {
      // No readable subject: no CN.
    }
    return null;
  }
}
