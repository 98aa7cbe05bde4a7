package dev.mailcheck.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grammars: MTA-STS record (RFC 8461 §3.1) and policy (§3.2, matching §4.1), TLS-RPT record
 * (RFC 8460 §3), BIMI record. One case per field and per error, by the reason a user reads.
 */
class RecordGrammarTest {

  // --- RFC 8461 §3.1 ---

  @Test
  void stsRecordIdAndExtensions() throws Exception {
    assertEquals("20261203T1", MtaStsRecord.parse("v=STSv1; id=20261203T1").id());
    assertEquals("a1", MtaStsRecord.parse("v=STSv1;id=a1;").id());
    assertEquals("a1", MtaStsRecord.parse("v=STSv1 ;\tid=a1; ext_1.x-y=value!").id());
    assertTrue(MtaStsRecord.candidate("v=STSv1; id=1"));
    assertFalse(MtaStsRecord.candidate("v=STSv10; id=1"));
    assertFalse(MtaStsRecord.candidate("v=spf1 -all"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "v=STSv1                          | required",
      "v=STSv1;                         | required",
      "id=1; v=STSv1                    | version",
      "v=STSv2; id=1                    | version",
      "v=STSv1; id=                     | sts-id",
      "v=STSv1; id=2026-12-03           | sts-id",
      "v=STSv1; id=123456789012345678901234567890123 | sts-id",
      "v=STSv1;; id=1                   | empty-field",
      "v=STSv1; id                      | no-equals",
      "v=STSv1; id=1; _x=1              | field-name",
      "v=STSv1; id=1; id=2              | duplicate",
      "v=STSv1; id=1; ext=a b           | ext-value",
  })
  void stsRecordErrors(String record, String reason) {
    assertEquals(reason, assertThrows(RecordSyntaxException.class, () -> MtaStsRecord.parse(record)).key());
  }

  // --- RFC 8461 §3.2 and §4.1 ---

  @Test
  void policyFields() throws Exception {
    MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.Example.net\r\nmax_age: 604800\r\nx-ext: anything at all\r\n");
    assertEquals(MtaStsPolicy.Mode.ENFORCE, p.mode());
    assertEquals(604800, p.maxAge());
    assertEquals(List.of("mail.example.com", "*.example.net"), p.mx());
    assertEquals(MtaStsPolicy.Mode.TESTING, MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0").mode());
    assertEquals(List.of(), MtaStsPolicy.parse("version:STSv1\nmode:none\nmax_age:31557600\n").mx());
  }

  @Test
  void mxMatchingFollowsSection41() throws Exception {
    MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 1\n");
    assertTrue(p.matches("mail.example.com."));
    assertTrue(p.matches("MAIL.Example.COM"));
    assertTrue(p.matches("mx1.example.net"));
    assertFalse(p.matches("example.net"), "the wildcard needs one label");
    assertFalse(p.matches("a.b.example.net"), "the wildcard covers one label only");
    assertFalse(p.matches("other.example.com"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "mode: enforce\\nmx: a.example\\nmax_age: 1                     | policy-required",
      "version: STSv1\\nmx: a.example\\nmax_age: 1                    | policy-required",
      "version: STSv1\\nmode: enforce\\nmx: a.example                 | policy-required",
      "version: STSv1\\nmode: enforce\\nmax_age: 1                    | policy-required",
      "version: STSv2\\nmode: enforce\\nmx: a.example\\nmax_age: 1    | policy-version",
      "version: STSv1\\nmode: Enforce\\nmx: a.example\\nmax_age: 1    | policy-mode",
      "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 31557601 | policy-max-age",
      "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: -1   | policy-max-age",
      "version: STSv1\\nmode: enforce\\nmx: a..example\\nmax_age: 1   | policy-mx",
      "version: STSv1\\nmode: enforce\\nmx: a.*.example\\nmax_age: 1  | policy-mx",
      "version: STSv1\\nmode: enforce\\nmode: testing\\nmx: a.example\\nmax_age: 1 | policy-duplicate",
      "version: STSv1\\nmode enforce\\nmx: a.example\\nmax_age: 1     | policy-line",
      "version: STSv1\\n\\nmode: enforce\\nmx: a.example\\nmax_age: 1 | policy-line",
      "Version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 1    | policy-required",
  })
  void policyErrors(String body, String reason) {
    String text = body.replace("\\n", "\n").strip();
    assertEquals(reason, assertThrows(RecordSyntaxException.class, () -> MtaStsPolicy.parse(text)).key());
  }

  // --- RFC 8460 §3 ---

  @Test
  void tlsRptRua() throws Exception {
    assertEquals(List.of(URI.create("mailto:tls@example.com")), TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:tls@example.com").rua());
    assertEquals(List.of(URI.create("mailto:a@example.com"), URI.create("https://r.example.net/v1")),
        TlsRptRecord.parse("v=TLSRPTv1;rua=mailto:a@example.com , https://r.example.net/v1;ext=1").rua());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "v=TLSRPTv1                                  | required",
      "v=TLSRPTv1; ext=1                           | required",
      "rua=mailto:a@example.com; v=TLSRPTv1        | version",
      "v=TLSRPTv1; rua=http://r.example.net/       | rua-uri",
      "v=TLSRPTv1; rua=mailto:nobody               | rua-uri",
      "v=TLSRPTv1; rua=mailto:a@example.com,       | rua-uri",
      "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com | duplicate",
  })
  void tlsRptErrors(String record, String reason) {
    assertEquals(reason, assertThrows(RecordSyntaxException.class, () -> TlsRptRecord.parse(record)).key());
  }

  // --- BIMI ---

  @Test
  void bimiTags() throws Exception {
    BimiRecord r = BimiRecord.parse("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem");
    assertEquals(URI.create("https://example.com/logo.svg"), r.logo());
    assertEquals(URI.create("https://example.com/vmc.pem"), r.evidence());
    BimiRecord spaced = BimiRecord.parse("v = BIMI1 ; l = https://example.com/logo.svg ; x=unknown");
    assertEquals(URI.create("https://example.com/logo.svg"), spaced.logo());
    assertNull(spaced.evidence());
    assertTrue(BimiRecord.parse("v=BIMI1; l=; a=").declined());
    assertTrue(BimiRecord.candidate("v = BIMI1; l="));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "v=BIMI1                                  | required",
      "l=https://example.com/l.svg; v=BIMI1     | version",
      "v=BIMI1; l=http://example.com/l.svg      | https-uri",
      "v=BIMI1; l=https://example.com/l.svg; a=ftp://example.com/vmc | https-uri",
      "v=BIMI1; l=x; l=y                        | duplicate",
  })
  void bimiErrors(String record, String reason) {
    assertEquals(reason, assertThrows(RecordSyntaxException.class, () -> BimiRecord.parse(record)).key());
  }
}
