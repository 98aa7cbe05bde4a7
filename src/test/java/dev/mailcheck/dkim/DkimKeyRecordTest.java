package dev.mailcheck.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.testing.DkimKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DKIM key record of RFC 6376 §3.6.1: one test per tag and per way it can be unusable. */
class DkimKeyRecordTest {
  private static final String RSA2048 = DkimKeys.rsa(2048);

  private static String error(String text) {
    return assertThrows(TagSyntaxException.class, () -> DkimKeyRecord.parse(text)).key();
  }

  @Test
  void aPlainRsaKey() throws Exception {
    DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; k=rsa; p=" + RSA2048);
    assertEquals(DkimKeyRecord.KeyType.RSA, r.keyType());
    assertEquals(2048, r.bits());
    assertFalse(r.revoked());
    assertFalse(r.testing());
  }

  @Test
  void rsaKeySizesAreReadFromTheModulus() throws Exception {
    assertEquals(512, DkimKeyRecord.parse("p=" + DkimKeys.rsa(512)).bits());
    assertEquals(1024, DkimKeyRecord.parse("p=" + DkimKeys.rsa(1024)).bits());
    assertEquals(4096, DkimKeyRecord.parse("p=" + DkimKeys.rsa(4096)).bits());
  }

  @Test
  void vIsOptionalButMustBeFirstAndDkim1() throws Exception {
    assertEquals(2048, DkimKeyRecord.parse("p=" + RSA2048).bits());
    assertEquals("dkim.parse.v-not-first", error("k=rsa; v=DKIM1; p=" + RSA2048));
    assertEquals("dkim.parse.v-value", error("v=DKIM2; p=" + RSA2048));
    assertEquals("dkim.parse.v-value", error("v=dkim1; p=" + RSA2048));
  }

  @Test
  void hListsHashAlgorithmsAndMustAllowSha256() throws Exception {
    assertEquals(List.of("sha256"), DkimKeyRecord.parse("h=sha256; p=" + RSA2048).hashes());
    assertEquals(List.of("sha1", "sha256"), DkimKeyRecord.parse("h=sha1:sha256; p=" + RSA2048).hashes());
    assertEquals(List.of(), DkimKeyRecord.parse("p=" + RSA2048).hashes());
    assertEquals("dkim.parse.h-no-sha256", error("h=sha1; p=" + RSA2048));
    assertEquals("dkim.parse.bad-word", error("h=sha256:; p=" + RSA2048));
  }

  @Test
  void kDefaultsToRsaAndKnowsEd25519() throws Exception {
    assertEquals(DkimKeyRecord.KeyType.RSA, DkimKeyRecord.parse("p=" + RSA2048).keyType());
    DkimKeyRecord ed = DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=" + DkimKeys.ed25519());
    assertEquals(DkimKeyRecord.KeyType.ED25519, ed.keyType());
    assertEquals(256, ed.bits());
    assertEquals("dkim.parse.k-unknown", error("k=dsa; p=" + RSA2048));
    assertEquals("dkim.parse.bad-word", error("k=r$a; p=" + RSA2048));
  }

  @Test
  void nIsANoteAndChangesNothing() throws Exception {
    DkimKeyRecord r = DkimKeyRecord.parse("n=rotated 2026-11; p=" + RSA2048);
    assertEquals("rotated 2026-11", r.notes());
    assertNull(DkimKeyRecord.parse("p=" + RSA2048).notes());
  }

  @Test
  void pIsRequiredAndMayBeFoldedWithWhiteSpace() throws Exception {
    String folded = RSA2048.substring(0, 100) + " " + RSA2048.substring(100, 200) + "\r\n\t" + RSA2048.substring(200);
    assertEquals(2048, DkimKeyRecord.parse("p=" + folded).bits());
    assertEquals("dkim.parse.p-missing", error("v=DKIM1; k=rsa"));
  }

  @Test
  void anEmptyPMeansRevoked() throws Exception {
    DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; p=");
    assertTrue(r.revoked());
    assertEquals(0, r.bits());
  }

  @Test
  void pMustBeBase64() {
    assertEquals("dkim.parse.p-base64", error("p=not*base64"));
    assertEquals("dkim.parse.p-base64", error("p=ABC"));
  }

  @Test
  void pMustHoldAKeyOfItsType() {
    // Valid base64 that is no SubjectPublicKeyInfo.
    assertEquals("dkim.parse.key-undecodable", error("p=QUJDRA=="));
    // An RSA key offered as Ed25519: wrong length.
    assertEquals("dkim.parse.ed25519-length", error("k=ed25519; p=" + RSA2048));
    // An Ed25519 key offered as RSA.
    assertEquals("dkim.parse.key-undecodable", error("k=rsa; p=" + DkimKeys.ed25519()));
  }

  @Test
  void sMustAllowEmail() throws Exception {
    assertEquals(List.of("*"), DkimKeyRecord.parse("p=" + RSA2048).services());
    assertEquals(List.of("email"), DkimKeyRecord.parse("s=email; p=" + RSA2048).services());
    assertEquals(List.of("*"), DkimKeyRecord.parse("s=*; p=" + RSA2048).services());
    assertEquals("dkim.parse.s-not-email", error("s=tlsrpt; p=" + RSA2048));
    assertEquals("dkim.parse.bad-word", error("s=e mail!; p=" + RSA2048));
  }

  @Test
  void tFlagsTestingAndStrictAndIgnoresUnknownFlags() throws Exception {
    assertTrue(DkimKeyRecord.parse("t=y; p=" + RSA2048).testing());
    assertEquals(List.of("y", "s"), DkimKeyRecord.parse("t=y:s; p=" + RSA2048).flags());
    DkimKeyRecord other = DkimKeyRecord.parse("t=s:x-new; p=" + RSA2048);
    assertFalse(other.testing());
    assertEquals("dkim.parse.bad-word", error("t=y:; p=" + RSA2048));
  }

  @Test
  void unknownTagsAreIgnored() throws Exception {
    assertEquals(2048, DkimKeyRecord.parse("v=DKIM1; x=anything; g=*; p=" + RSA2048).bits());
  }

  @Test
  void aBrokenTagListIsReportedAsSuch() {
    assertEquals("tags.duplicate", error("p=" + RSA2048 + "; p="));
    assertEquals("tags.no-equals", error("v=DKIM1; " + RSA2048));
  }
}
