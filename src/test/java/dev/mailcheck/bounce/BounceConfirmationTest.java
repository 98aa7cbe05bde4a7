package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A blocklist bounce is confirmed or cleared only by what the check found on the list the bounce named. */
class BounceConfirmationTest {

  private static final String IP = "203.0.113.8";

  private static BounceAdvice bounce(String list) {
    BounceDiagnosis d = new BounceDiagnosis("unknown", "blocklist.listed", list, "554", "5.7.1", IP, null, null, null);
    return new BounceAdvice(d, "the receiver", "", "", List.of());
  }

  private static Report report(Finding... findings) {
    return new Report(Report.SCHEMA, new Report.ReportTarget(IP, "ip", IP, IP), null, Instant.EPOCH, 0, Severity.PASS,
        Map.of(), List.of(findings), null, List.of());
  }

  private static Finding listedOn(String name, String zone) {
    return new Finding("dnsbl.listed", "dnsbl", Severity.FAIL, IP, null, List.of(IP, name, zone, "127.0.0.2"), List.<Text>of());
  }

  private static Finding cleanOn(String names) {
    return new Finding("dnsbl.clean", "dnsbl", Severity.PASS, IP, null, List.of(IP, names.split(", ").length, names), List.<Text>of());
  }

  @Test
  void aListingOnTheNamedListConfirms() {
    BounceConfirmation.Outcome o = BounceConfirmation.of(bounce("spamhaus"),
        report(listedOn("SpamCop", "bl.spamcop.net"), listedOn("Spamhaus ZEN", "zen.spamhaus.org")), Lang.EN);
    assertEquals(BounceConfirmation.Status.CONFIRMED, o.status());
    assertEquals(List.of("dnsbl.listed " + IP), o.findings());
  }

  @Test
  void aListingOnAnotherListDoesNotConfirmAndTheNamedListAnsweringCleanClears() {
    BounceConfirmation.Outcome o = BounceConfirmation.of(bounce("barracuda"),
        report(listedOn("SpamCop", "bl.spamcop.net"), cleanOn("Spamhaus ZEN, Barracuda BRBL, Mailspike")), Lang.EN);
    assertEquals(BounceConfirmation.Status.CLEARED, o.status(), o.sentence());
  }

  @Test
  void aListTheCheckDoesNotAskStaysNotChecked() {
    // Cloudmark is not a DNS list: neither SpamCop's listing nor the others' "clean" says anything about it.
    BounceConfirmation.Outcome o = BounceConfirmation.of(bounce("cloudmark"),
        report(listedOn("SpamCop", "bl.spamcop.net"), cleanOn("Spamhaus ZEN, Barracuda BRBL")), Lang.EN);
    assertEquals(BounceConfirmation.Status.UNCHECKED, o.status(), o.sentence());
  }

  @Test
  void aBounceNamingNoListIsConfirmedByAnyListing() {
    BounceConfirmation.Outcome o = BounceConfirmation.of(bounce(null), report(listedOn("SpamCop", "bl.spamcop.net")), Lang.EN);
    assertEquals(BounceConfirmation.Status.CONFIRMED, o.status());
    assertTrue(o.sentence().contains(IP), o.sentence());
  }
}
