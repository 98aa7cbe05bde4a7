package dev.mailcheck.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** RFC 6125 §6.4 name matching as the SMTP probe applies it to the MX host name. */
class CertificateNamesTest {

  @Test
  void exactNamesIgnoreCaseAndTheFinalDot() {
    var c = new HeldCertificate.Builder().addSubjectAlternativeName("mx.example.com").build().certificate();
    assertTrue(CertificateNames.matches(c, "MX.Example.com."));
    assertFalse(CertificateNames.matches(c, "mx2.example.com"));
  }

  @Test
  void wildcardStandsForExactlyOneLeftmostLabel() {
    assertTrue(CertificateNames.matches("*.example.com", "mx.example.com"));
    assertFalse(CertificateNames.matches("*.example.com", "example.com"));
    assertFalse(CertificateNames.matches("*.example.com", "a.mx.example.com"));
    assertFalse(CertificateNames.matches("*.com", "example.com"), "never right under a top-level domain");
    assertFalse(CertificateNames.matches("m*.example.com", "mx.example.com"), "no partial wildcards");
  }

  @Test
  void commonNameOnlyWithoutDnsNames() {
    var cnOnly = new HeldCertificate.Builder().commonName("mx.example.com").build().certificate();
    assertEquals(List.of("mx.example.com"), CertificateNames.of(cnOnly));
    var both = new HeldCertificate.Builder().commonName("old.example.com").addSubjectAlternativeName("mx.example.com").build().certificate();
    assertEquals(List.of("mx.example.com"), CertificateNames.of(both));
    assertFalse(CertificateNames.matches(both, "old.example.com"), "the CN is ignored when DNS names exist (RFC 6125 §6.4.4)");
  }
}
