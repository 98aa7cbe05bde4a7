package dev.mailcheck.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dkim.TagSyntaxException;
import dev.mailcheck.dmarc.DmarcRecord.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DMARC record of RFC 7489 §6.3/§6.4 and the DMARCbis tags: one test per tag and per error. */
class DmarcRecordTest {

  private static String error(String text) {
    return assertThrows(TagSyntaxException.class, () -> DmarcRecord.parse(text)).key();
  }

  /** The tags the record's problems name, in order. */
  private static List<String> problems(String text) throws TagSyntaxException {
    return DmarcRecord.parse(text).problems().stream().map(DmarcRecord.Problem::tag).toList();
  }

  @Test
  void selectionKeepsOnlyRecordsStartingWithVDmarc1() {
    assertTrue(DmarcRecord.isDmarc("v=DMARC1; p=none"));
    assertTrue(DmarcRecord.isDmarc("v = DMARC1;p=none"));
    assertTrue(DmarcRecord.isDmarc("v=DMARC1"));
    assertFalse(DmarcRecord.isDmarc("p=none; v=DMARC1"));
    assertFalse(DmarcRecord.isDmarc(" v=DMARC1; p=none"));
    assertFalse(DmarcRecord.isDmarc("v=DMARC10; p=none"));
    assertFalse(DmarcRecord.isDmarc("v=spf1 -all"));
    assertTrue(DmarcRecord.looksLikeDmarc("p=none; v=DMARC1"));
    assertFalse(DmarcRecord.looksLikeDmarc("v=spf1 -all"));
  }

  @Test
  void aMinimalRecordHasTheDefaults() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject");
    assertEquals(Policy.REJECT, r.policy());
    assertEquals(Policy.REJECT, r.subdomainPolicy());
    assertEquals(Policy.REJECT, r.nonexistentPolicy());
    assertEquals(100, r.pct());
    assertEquals(List.of(), r.rua());
    assertFalse(r.testing());
    assertEquals(List.of(), r.problems());
  }

  @Test
  void vMustBeFirstAndExactlyDmarc1() {
    assertEquals("dmarc.parse.v-not-first", error("p=none; v=DMARC1"));
    assertEquals("dmarc.parse.v-value", error("v=DMARC2; p=none"));
    assertEquals("dmarc.parse.v-value", error("v=dmarc1; p=none"));
  }

  @Test
  void pIsRequiredAndOneOfThreePolicies() throws Exception {
    assertEquals(Policy.NONE, DmarcRecord.parse("v=DMARC1; p=none").policy());
    assertEquals(Policy.QUARANTINE, DmarcRecord.parse("v=DMARC1; p=Quarantine").policy());
    assertEquals("dmarc.parse.p-missing", error("v=DMARC1; rua=mailto:d@example.com"));
    assertEquals("dmarc.parse.policy-value", error("v=DMARC1; p=block"));
    assertEquals("dmarc.parse.policy-value", error("v=DMARC1; p="));
  }

  @Test
  void spSetsTheSubdomainPolicyAndAnInvalidOneIsFatal() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; sp=none");
    assertEquals(Policy.NONE, r.subdomainPolicy());
    assertEquals(Policy.NONE, r.nonexistentPolicy());
    assertEquals("dmarc.parse.policy-value", error("v=DMARC1; p=reject; sp=maybe"));
  }

  @Test
  void npSetsThePolicyForNonexistentSubdomains() throws Exception {
    assertEquals(Policy.REJECT, DmarcRecord.parse("v=DMARC1; p=none; np=reject").nonexistentPolicy());
    assertEquals(List.of("np"), problems("v=DMARC1; p=none; np=drop"));
  }

  @Test
  void pctIsAWholePercentage() throws Exception {
    assertEquals(25, DmarcRecord.parse("v=DMARC1; p=reject; pct=25").pct());
    assertEquals(0, DmarcRecord.parse("v=DMARC1; p=reject; pct=0").pct());
    assertEquals(List.of("pct"), problems("v=DMARC1; p=reject; pct=101"));
    assertEquals(List.of("pct"), problems("v=DMARC1; p=reject; pct=50%"));
    assertEquals(List.of("pct"), problems("v=DMARC1; p=reject; pct=0100"));
    assertEquals(100, DmarcRecord.parse("v=DMARC1; p=reject; pct=abc").pct());
  }

  @Test
  void ruaHoldsMailtoUrisWithOptionalSizeLimits() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:dmarc@example.com!10m, mailto:reports@vendor.example");
    assertEquals(2, r.rua().size());
    assertEquals("example.com", r.rua().get(0).host());
    assertEquals("10m", r.rua().get(0).limit());
    assertEquals("vendor.example", r.rua().get(1).host());
    assertNull(r.rua().get(1).limit());
    assertEquals(List.of(), r.problems());
  }

  @Test
  void ruaWithABadOrNonMailtoUriIsAProblem() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; rua=dmarc@example.com, https://reports.example/dmarc, mailto:ok@example.com");
    assertEquals(List.of("rua", "rua"), r.problems().stream().map(DmarcRecord.Problem::tag).toList());
    assertEquals("dmarc.parse.uri", ((dev.mailcheck.report.Text.Keyed) r.problems().get(0).reason()).key());
    assertEquals("dmarc.parse.uri-scheme", ((dev.mailcheck.report.Text.Keyed) r.problems().get(1).reason()).key());
    assertEquals(1, r.rua().size());
    assertEquals(List.of("rua"), problems("v=DMARC1; p=none; rua=mailto:nobody"));
  }

  @Test
  void rufHoldsFailureReportUris() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; ruf=mailto:forensic@example.net");
    assertEquals("example.net", r.ruf().get(0).host());
    assertEquals(List.of("ruf"), problems("v=DMARC1; p=none; ruf=forensic"));
  }

  @Test
  void adkimAndAspfAreRelaxedOrStrict() throws Exception {
    assertEquals(List.of(), problems("v=DMARC1; p=none; adkim=s; aspf=r"));
    assertEquals(List.of("adkim", "aspf"), problems("v=DMARC1; p=none; adkim=strict; aspf=x"));
  }

  @Test
  void foIsAColonListOfReportingOptions() throws Exception {
    assertEquals(List.of(), problems("v=DMARC1; p=none; fo=1"));
    assertEquals(List.of(), problems("v=DMARC1; p=none; fo=0:1:d:s"));
    assertEquals(List.of("fo"), problems("v=DMARC1; p=none; fo=2"));
    assertEquals(List.of("fo"), problems("v=DMARC1; p=none; fo=1,d"));
  }

  @Test
  void rfNamesReportFormats() throws Exception {
    assertEquals(List.of(), problems("v=DMARC1; p=none; rf=afrf"));
    assertEquals(List.of("rf"), problems("v=DMARC1; p=none; rf=iodef"));
    assertEquals(List.of("rf"), problems("v=DMARC1; p=none; rf=a f"));
  }

  @Test
  void riIsAnIntervalInSeconds() throws Exception {
    assertEquals(List.of(), problems("v=DMARC1; p=none; ri=86400"));
    assertEquals(List.of("ri"), problems("v=DMARC1; p=none; ri=1d"));
    assertEquals(List.of("ri"), problems("v=DMARC1; p=none; ri=99999999999"));
  }

  @Test
  void tIsTheDmarcbisTestingFlag() throws Exception {
    assertTrue(DmarcRecord.parse("v=DMARC1; p=reject; t=y").testing());
    assertFalse(DmarcRecord.parse("v=DMARC1; p=reject; t=n").testing());
    assertEquals(List.of("t"), problems("v=DMARC1; p=reject; t=yes"));
  }

  @Test
  void psdIsTheDmarcbisPublicSuffixFlag() throws Exception {
    assertEquals(List.of(), problems("v=DMARC1; p=none; psd=u"));
    assertEquals(List.of("psd"), problems("v=DMARC1; p=none; psd=maybe"));
  }

  @Test
  void unknownTagsAreIgnored() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; future=1; x_y=z");
    assertEquals(List.of(), r.problems());
    assertEquals(Policy.REJECT, r.policy());
  }

  @Test
  void tagNamesAndPolicyValuesAreCaseInsensitive() throws Exception {
    DmarcRecord r = DmarcRecord.parse("v=DMARC1; P=REJECT; SP=None; PCT=50");
    assertEquals(Policy.REJECT, r.policy());
    assertEquals(Policy.NONE, r.subdomainPolicy());
    assertEquals(50, r.pct());
  }

  @Test
  void aBrokenTagListMakesTheRecordUnusable() {
    assertEquals("tags.duplicate", error("v=DMARC1; p=none; p=reject"));
    assertEquals("tags.no-equals", error("v=DMARC1; p=none; reject"));
    assertEquals("tags.empty-spec", error("v=DMARC1;; p=none"));
  }
}
