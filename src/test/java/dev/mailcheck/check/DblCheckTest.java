package dev.mailcheck.check;

import static dev.mailcheck.testing.Findings.assertFinding;
import static dev.mailcheck.testing.Findings.assertNone;
import static dev.mailcheck.testing.Findings.fix;
import static dev.mailcheck.testing.Findings.links;
import static dev.mailcheck.testing.Findings.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListHealth;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.report.Severity;
import org.junit.jupiter.api.Test;

/** The {@code dbl} check: the domain itself on the domain blocklists, on in-process DNS worlds. */
class DblCheckTest {

  private static Report run(DnsWorld world, String target) {
    return DnsblCheckTest.run(world, target, null, new DblCheck(BlockLists.parse("dbl.spamhaus.org", "test"), new Dnsbl(new ListHealth())));
  }

  @Test
  void theDomainItselfOnTheDbl() {
    DnsWorld world = new DnsWorld().records("""
        dbltest.com.dbl.spamhaus.org. A 127.0.1.2
        example.com.dbl.spamhaus.org. A 127.0.1.4
        example.com.dbl.spamhaus.org. TXT "https://check.spamhaus.org/listed/?searchterm=example.com"
        """);
    Report r = run(world, "example.com");
    Finding f = assertFinding(r, "dbl.listed", Severity.FAIL);
    assertEquals("example.com", f.subject());
    assertEquals("dbl", f.check());
    assertTrue(summary(f).contains("The domain example.com is listed on Spamhaus DBL") && summary(f).contains("a phishing domain"), summary(f));
    assertTrue(fix(f).contains("phishing pages on example.com"), fix(f));
    assertEquals("https://check.spamhaus.org/", links(f).get(0).url());
    assertTrue(summary(f, Lang.KO).contains("피싱 도메인"), summary(f, Lang.KO));
  }

  @Test
  void aCleanDomain() {
    DnsWorld world = new DnsWorld().records("dbltest.com.dbl.spamhaus.org. A 127.0.1.2\n");
    Report r = run(world, "example.org");
    assertTrue(summary(assertFinding(r, "dbl.clean", Severity.PASS)).contains("is not on any domain blocklist that answered"));
  }

  @Test
  void aDblThatDoesNotListItsTestEntryIsUnhealthyUnderTheDblCheck() {
    Report r = run(new DnsWorld().records("example.com.dbl.spamhaus.org. A 127.0.1.2\n"), "example.com");
    Finding f = assertFinding(r, "dnsbl.list-unhealthy", Severity.ERROR);
    assertEquals("dbl", f.check());
    assertTrue(summary(f).contains("dbltest.com"), summary(f));
    assertNone(r, "dbl.listed");
  }

  @Test
  void anIpQueryAnswerOnTheDblIsARefusal() {
    Report r = run(new DnsWorld().records("""
        dbltest.com.dbl.spamhaus.org. A 127.0.1.2
        example.com.dbl.spamhaus.org. A 127.0.1.255
        """), "example.com");
    assertTrue(summary(assertFinding(r, "dnsbl.query-refused", Severity.ERROR)).contains("lists domains only"));
    assertNone(r, "dbl.listed");
  }
}
