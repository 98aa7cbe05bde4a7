package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whole bounces (.eml) through MIME: multipart/report, quoted-printable, base64, charsets, folded fields. */
class BounceReaderTest {
  final Signatures signatures = Signatures.bundled();
  final BounceReader reader = new BounceReader(signatures);
  final BounceClassifier classifier = new BounceClassifier(signatures);

  static byte[] fixture(String name) throws Exception {
    try (InputStream in = BounceReaderTest.class.getResourceAsStream("/dev/mailcheck/bounce/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void postfixReportWithFoldedGmailReply() throws Exception {
    BounceMessage m = reader.read(fixture("postfix-gmail-ptr.eml"));
    assertTrue(m.dsn());
    assertEquals("5.7.25", m.status());
    assertEquals("gmail-smtp-in.l.google.com", m.remoteMta());
    assertEquals("kim@gmail.com", m.recipient());
    assertEquals("shop.example", m.originalFromDomain(), "From of the text/rfc822-headers part");
    assertFalse(m.diagnostic().contains("\n"), "folded Diagnostic-Code is one line: " + m.diagnostic());

    BounceDiagnosis d = classifier.classify(m);
    assertEquals("gmail", d.provider());
    assertEquals("ptr.missing", d.category());
    assertEquals("550", d.smtpCode());
    assertEquals("5.7.25", d.enhancedCode());
    assertEquals("198.51.100.44", d.ip(), "the sending IP, not Gmail's server address");
    assertEquals("shop.example", d.domain());
    assertEquals("gmail-smtp-in.l.google.com", d.rejectingHost());
  }

  @Test
  void googleWrittenBounceIsAboutTheReceiverNotGoogle() throws Exception {
    // The sender uses Google: the human part and the Reporting-MTA are Google's; Naver rejected.
    BounceMessage m = reader.read(fixture("google-dsn-naver-spf.eml"));
    assertTrue(m.dsn());
    assertEquals("mx3.naver.com", m.remoteMta().split("\\.?\\s")[0]);
    BounceDiagnosis d = classifier.classify(m);
    assertEquals("naver", d.provider());
    assertEquals("auth.spf", d.category());
    assertEquals("5.7.1", d.enhancedCode());
    assertNull(d.ip(), "Naver's own address in Remote-MTA is not the sender's IP");
    assertEquals("brand.example", d.domain(), "from the returned message's From");
  }

  @Test
  void base64AndQuotedPrintableTextPartsAreDecoded() throws Exception {
    // Without its DSN part the Google bounce is read from its base64 text part, Korean intact.
    String eml = new String(fixture("google-dsn-naver-spf.eml"), StandardCharsets.US_ASCII);
    String noDsn = eml.replaceAll("(?s)--000000000000bounce2\r\nContent-Type: message/delivery-status.*?(?=--000000000000bounce2)", "");
    BounceMessage m = reader.read(noDsn.getBytes(StandardCharsets.US_ASCII));
    assertFalse(m.dsn());
    assertTrue(m.diagnostic().contains("메일이 전송되지 않았습니다"), m.diagnostic());
    assertEquals("naver", classifier.classify(m).provider());

    // The Korean EUC-KR quoted-printable part decodes to Hangul.
    String kr = new String(fixture("korean-daum-dxns2.eml"), StandardCharsets.US_ASCII);
    String krNoDsn = kr.replaceAll("(?s)--=_kr_4\r\nContent-Type: message/delivery-status.*?(?=--=_kr_4--)", "");
    BounceMessage k = reader.read(krNoDsn.getBytes(StandardCharsets.US_ASCII));
    assertTrue(k.diagnostic().contains("수신 서버가 연결을 거부했습니다"), k.diagnostic());
  }

  @Test
  void eximBounceWithoutDsnStopsBeforeTheReturnedMessage() throws Exception {
    BounceMessage m = reader.read(fixture("exim-outlook-s3150.eml"));
    assertFalse(m.dsn());
    assertFalse(m.diagnostic().contains("spamhaus"), "the returned message is not part of the diagnosis");
    BounceDiagnosis d = classifier.classify(m);
    assertEquals("outlook", d.provider());
    assertEquals("reputation.ip", d.category());
    assertNull(d.list());
    assertEquals("203.0.113.77", d.ip(), "not 52.101.8.34, the Outlook.com host's address");
    assertEquals("hotmail-com.olc.protection.outlook.com", d.rejectingHost());
    assertEquals("crafts.example", d.domain());
  }

  @Test
  void forwardedBounceIsReadFromItsAttachment() throws Exception {
    BounceMessage m = reader.read(fixture("forwarded-bounce.eml"));
    assertTrue(m.dsn(), "the attached bounce's DSN, not the forwarding note");
    BounceDiagnosis d = classifier.classify(m);
    assertEquals("gmail", d.provider());
    assertEquals("ptr.missing", d.category());
    assertEquals("198.51.100.44", d.ip());
  }

  @Test
  void koreanDaumReport() throws Exception {
    BounceDiagnosis d = classifier.classify(reader.read(fixture("korean-daum-dxns2.eml")));
    assertEquals("daum", d.provider());
    assertEquals("ptr.mismatch", d.category());
    assertEquals("192.0.2.140", d.ip());
    assertEquals("554", d.smtpCode());
  }

  @Test
  void pastedDsnFieldsAreReadAsADsn() throws Exception {
    String pasted = """
        Final-Recipient: rfc822; someone@yahoo.com
        Action: failed
        Status: 5.7.9
        Remote-MTA: dns; mta6.am0.yahoodns.net
        Diagnostic-Code: smtp; 554 5.7.9 Message not accepted for policy reasons.
          See https://senders.yahooinc.com/error-codes
        """;
    BounceMessage m = reader.read(pasted.getBytes(StandardCharsets.UTF_8));
    assertTrue(m.dsn());
    BounceDiagnosis d = classifier.classify(m);
    assertEquals("yahoo", d.provider());
    assertEquals("policy.generic", d.category());
  }

  @Test
  void badInputIsRefusedWithAKey() {
    assertEquals("bounce.error.empty", assertThrows(BadBounceException.class, () -> reader.read(new byte[0])).key());
    assertEquals("bounce.error.empty", assertThrows(BadBounceException.class, () -> reader.read(" \n\t\n".getBytes())).key());
    assertEquals("bounce.error.binary", assertThrows(BadBounceException.class, () -> reader.read(new byte[] {'P', 'K', 3, 4, 0, 0})).key());
    assertEquals("bounce.error.too-large",
        assertThrows(BadBounceException.class, () -> reader.read(new byte[BounceReader.MAX_BYTES + 1])).key());
  }

  @Test
  void foldedDeliveryStatusFields() {
    DeliveryStatus s = DeliveryStatus.parse("""
        Reporting-MTA: dns; mx.sender.example

        Final-Recipient: rfc822; a@one.example
        Action: delayed
        Status: 4.4.1

        Final-Recipient: rfc822;b@two.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <b@two.example>:
         Recipient address rejected: User unknown
        """);
    assertEquals("mx.sender.example", s.reportingMta());
    assertEquals(2, s.recipients().size());
    DeliveryStatus.Recipient p = s.primary();
    assertEquals("b@two.example", p.finalRecipient(), "a failed recipient comes before a delayed one");
    assertEquals("550 5.1.1 <b@two.example>: Recipient address rejected: User unknown", p.diagnosticCode());
  }
}
