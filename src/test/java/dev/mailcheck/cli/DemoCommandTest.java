package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mailcheck demo}: offline, on its own loopback DNS server, showing what each sample domain has. */
class DemoCommandTest {

  @Test
  void demoShowsTheExpectedFindingsForEachSampleDomain() throws Exception {
    Cli r = Cli.run("demo", "--format", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode reports = new ObjectMapper().readTree(r.out());
    Map<String, List<String>> found = new LinkedHashMap<>();
    Map<String, List<String>> readiness = new LinkedHashMap<>();
    for (JsonNode report : reports) {
      // Checks share one cache per run: no question goes on the wire twice, whichever checks need it.
      List<String> questions = new ArrayList<>();
      report.path("dnsQueries").forEach(q -> questions.add(q.path("name").asText() + " " + q.path("type").asText()));
      assertEquals(questions.stream().distinct().count(), questions.size(), "a question asked twice in " + questions);
      List<String> ids = new ArrayList<>();
      List<String> ready = new ArrayList<>();
      report.path("findings").forEach(f -> (f.path("check").asText().equals("readiness") ? ready : ids)
          .add(f.path("severity").asText() + " " + f.path("id").asText()));
      found.put(report.path("target").path("name").asText(), ids.stream().sorted().toList());
      readiness.put(report.path("target").path("name").asText(), ready);
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    // The older domains' organizations publish DMARC (inherited) and each has a DKIM key (s1).
    // Every sending IP's holder comes from the demo's recorded RDAP answers, served on loopback; every
    // domain is on no domain blocklist, and every sending IP found is on no blocklist unless said below.
    List<String> auth = List.of("info dmarc.inherited", "pass dkim.ok", "pass dmarc.ok");
    List<String> lists = List.of("pass dbl.clean", "pass dnsbl.clean");
    String owner = "info owner.identified";
    expected.put("example.com", with(lists, owner, "pass dkim.ok", "pass dmarc.ok", "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    expected.put("no-ptr.example.net", with(auth, lists, "fail ptr.missing", owner, "pass mx.ok", "pass spf.ok"));
    expected.put("kt-no-ptr.example.kr", with(lists, "fail ptr.missing", owner, "pass dkim.ok", "pass dmarc.ok", "pass mx.ok", "pass spf.ok"));
    expected.put("mismatch.example.org", with(auth, lists, "fail ptr.mismatch", owner, "pass mx.ok", "pass spf.ok"));
    expected.put("dynamic.example.net", with(auth, lists, owner, "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn ptr.generic"));
    expected.put("cname-mx.example.org", with(auth, lists, owner, "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn mx.target-cname"));
    // A null MX: no sending IPs to look up, the domain itself on no DBL.
    expected.put("nullmx.example.com", List.of("fail mx.null", "fail spf.missing", "info dmarc.inherited", "pass dbl.clean", "pass dmarc.ok",
        "warn dkim.not-found"));
    expected.put("too-many.example.com", with(auth, lists, "fail spf.include-without-spf", "fail spf.too-many-lookups", owner, "pass mx.ok",
        "pass ptr.ok"));
    expected.put("two-spf.example.net", with(auth, lists, "fail spf.multiple", owner, "pass mx.ok", "pass ptr.ok"));
    // A typo: one finding, no cascade (not even "clean on the DBL").
    expected.put("exmaple.com", List.of("fail domain.nonexistent"));
    // MX and SPF could not be checked, and so the sending IPs could not be found: "could not check" from each
    // check that needs them (MX, SPF, PTR, DNSBL), no "missing" and no "clean"; the domain itself is on no DBL.
    expected.put("slow.example.net", List.of("error dns.timeout", "error dns.timeout", "error dns.timeout", "error dns.timeout",
        "info dmarc.inherited", "pass dbl.clean", "pass dmarc.ok", "warn dkim.not-found"));
    List<String> healthy = with(lists, owner, "pass mx.ok", "pass ptr.ok", "pass spf.ok");
    expected.put("no-auth.example", with(healthy, "fail dmarc.missing", "warn dkim.not-found"));
    expected.put("monitor.example", with(healthy, "fail dkim.key-weak", "info dmarc.policy-none", "warn dkim.key-weak", "warn dmarc.no-rua"));
    expected.put("partial.example", with(healthy, "info dkim.key-revoked", "info dmarc.pct-partial", "info dmarc.pct-partial", "pass dkim.ok",
        "warn dkim.testing", "warn dmarc.rua-unauthorized"));
    expected.put("two-dmarc.example", with(healthy, "fail dkim.syntax", "fail dmarc.multiple"));
    expected.put("bad-dmarc.example", with(healthy, "fail dmarc.syntax", "pass dkim.ok"));
    expected.put("shop.example.com", with(healthy, "fail dkim.selector-missing", "info dmarc.inherited", "pass dmarc.ok"));
    expected.put("192.0.2.10", List.of(owner, "pass dnsbl.clean", "pass ptr.ok"));
    // Two blocklist hits (each its own finding) and the domain on the DBL.
    expected.put("listed.example.net", with(auth, "fail dbl.listed", "fail dnsbl.listed", "fail dnsbl.listed", owner, "pass dnsbl.clean",
        "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    // Spamhaus refused the question: an error, never a listing; the other lists answered.
    expected.put("refused.example.org", with(auth, lists, "error dnsbl.query-refused", owner, "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    // Every domain also gets the optional transport and brand checks: most of the demo publishes none of them.
    List<String> none = List.of("info bimi.missing", "info dnssec.unsigned", "info mtasts.missing", "info tlsrpt.missing");
    expected.replaceAll((d, f) -> d.equals("exmaple.com") || d.equals("192.0.2.10") ? f : with(f, none));
    expected.put("example.com", with(lists, List.of(owner, "pass dkim.ok", "pass dmarc.ok", "pass mx.ok", "pass ptr.ok", "pass spf.ok"),
        "info bimi.missing", "info dnssec.unsigned", "info mtasts.ok", "pass tlsrpt.ok"));
    // The dead name server serves slow.example.net itself: DNSSEC cannot tell, the names below it answer.
    // (one more timeout: the DNSSEC check's MX answer).
    expected.put("slow.example.net", with(expected.get("slow.example.net").stream().filter(x -> !x.equals("info dnssec.unsigned")).toList(),
        "error dns.timeout"));
    expected.put("sts.example.net", with(auth, lists, owner, "info bimi.missing", "info dnssec.unsigned", "pass mx.ok", "pass ptr.ok", "pass spf.ok",
        "warn mtasts.record-invalid", "warn tlsrpt.invalid"));
    expected.put("dnssec.example.org", with(auth, lists, owner, "fail dnssec.bogus", "fail dnssec.bogus", "info bimi.missing", "info mtasts.missing",
        "info tlsrpt.missing", "pass mx.ok", "pass ptr.ok", "pass spf.ok"));
    // The demo's own SMTP server on loopback: no STARTTLS; and a HELO name that resolves nowhere.
    // (No owner finding: no registry holds 127.0.0.1, so that run leaves RDAP out.)
    expected.put("plaintext.example.com", with(auth, lists, "fail helo.unresolvable", "info bimi.missing", "info dnssec.unsigned",
        "info mtasts.missing", "info tlsrpt.missing", "pass mx.ok", "pass ptr.ok", "pass spf.ok", "warn smtp.no-starttls"));
    assertEquals(expected, found);
    // Readiness reads those findings: TLS is checked over SMTP, which the demo leaves out but for its own
    // loopback server (so Gmail stays "not checked", info, for the others).
    assertEquals(List.of("info readiness.gmail", "pass readiness.yahoo", "pass readiness.outlook", "pass readiness.naver",
        "pass readiness.daum"), readiness.get("example.com"));
    assertEquals(List.of("fail readiness.gmail", "pass readiness.yahoo", "pass readiness.outlook", "fail readiness.naver",
        "fail readiness.daum"), readiness.get("no-ptr.example.net"));
    // No SPF and no DKIM key found by guessing (which proves nothing): "SPF or DKIM" stays open; SPF for bulk senders is missed.
    assertEquals(List.of("warn readiness.gmail", "warn readiness.yahoo", "warn readiness.outlook", "fail readiness.naver",
        "fail readiness.daum"), readiness.get("nullmx.example.com"));
    // A 512-bit key beside a 1024-bit one: DKIM is missed (Naver asks it of everyone, Yahoo wants 1024 bits); DMARC p=none is enough.
    assertEquals(List.of("warn readiness.gmail", "fail readiness.yahoo", "warn readiness.outlook", "fail readiness.naver",
        "pass readiness.daum"), readiness.get("monitor.example"));
    // No DMARC: a bulk-sender requirement, missed (warn) at every receiver that asks it.
    assertEquals(List.of("warn readiness.gmail", "warn readiness.yahoo", "warn readiness.outlook", "warn readiness.naver",
        "pass readiness.daum"), readiness.get("no-auth.example"));
    // Nothing answered: every receiver is "not checked", never "met".
    assertEquals(List.of("info readiness.gmail", "info readiness.yahoo", "info readiness.outlook", "info readiness.naver",
        "info readiness.daum"), readiness.get("slow.example.net"));
    // The loopback server offers no STARTTLS: Gmail asks TLS of every sender, so that requirement is missed.
    assertEquals("fail readiness.gmail", readiness.get("plaintext.example.com").get(0));
    // A domain that does not exist gets its one finding and no readiness table.
    assertEquals(List.of(), readiness.get("exmaple.com"));
  }

  /** The findings of {@code base} and {@code more}, sorted as the report's are compared. */
  private static List<String> with(List<String> base, String... more) {
    return with(base, List.of(), more);
  }

  private static List<String> with(List<String> base, List<String> also, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(also);
    all.addAll(List.of(more));
    return all.stream().sorted().toList();
  }

  @Test
  void demoTextExitsZeroAndExplainsEachDomain() {
    Cli r = Cli.run("demo");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("=== A healthy sender: MX, PTR, SPF, DKIM and DMARC all in order."), r.out());
    assertTrue(r.out().contains("PASS  dkim.ok  s1._domainkey.example.com"), r.out());
    assertTrue(r.out().contains("FAIL  dmarc.missing  no-auth.example"), r.out());
    assertTrue(r.out().contains("WARN  dmarc.rua-unauthorized  partial.example._report._dmarc.dmarc-vendor.example"), r.out());
    assertTrue(r.out().contains("FAIL  ptr.missing  198.51.100.20"), r.out());
    assertTrue(r.out().contains("WARN  mx.target-cname  alias.cname-mx.example.org"), r.out());
    assertTrue(r.out().contains("ERROR dns.timeout  slow.example.net. MX"), r.out());
    assertTrue(r.out().contains("WARN  mtasts.record-invalid  sts.example.net"), r.out());
    assertTrue(r.out().contains("FAIL  dnssec.bogus  dnssec.example.org"), r.out());
    assertEquals(23, r.out().lines().filter(l -> l.startsWith("Verdict: ")).count(), r.out());
    assertTrue(r.out().contains("=== A bounce the no-PTR server got from Gmail"), r.out());
    assertTrue(r.out().contains("Receiver: Gmail (gmail)") && r.out().contains("Cause: ptr.missing"), r.out());
    assertTrue(r.out().contains("Gmail refused the message because 198.51.100.20 has no PTR"), r.out());
    // The holder is known, so the PTR fixes give its route, still asking for the mail host the run found.
    assertTrue(r.out().contains("to set the PTR of 198.51.100.20 to mail.no-ptr.example.net"), r.out());
    assertTrue(r.out().contains("or have the PTR changed to mx.mismatch.example.org: "), r.out());
    assertTrue(r.out().contains("FAIL  domain.nonexistent  exmaple.com"), r.out());
    // The KT address: the owner check names KT, and the PTR fix gives the DMS steps with the MX host as the PTR value.
    assertTrue(r.out().contains("203.0.113.25 is held by KT (network 203.0.113.0 - 203.0.113.255, country KR, origin AS4766)."), r.out());
    assertTrue(r.out().contains("Fix: Only the holder of the address block can set a PTR: ask KT through its DNS Management Service "
        + "(https://dms.kornet.net/reverse)."), r.out());
    assertTrue(r.out().contains("Enter the fixed IP 203.0.113.25 and the mail host name mail.kt-no-ptr.example.kr."), r.out());
    // The range scan: the listed address with its meaning and delisting page, the refused question in the summary.
    String scan = r.out().substring(r.out().indexOf("=== A hosting company's range on the blocklists (mailcheck scan 203.0.113.64/29"));
    assertTrue(scan.contains("\n  203.0.113.66  Spamhaus ZEN (zen.spamhaus.org): 127.0.0.3 is CSS"), scan);
    assertTrue(scan.contains("\n  203.0.113.66  SpamCop (bl.spamcop.net): 127.0.0.2: SpamCop users reported spam from the IP"
        + "  https://www.spamcop.net/bl.shtml\n"), scan);
    assertEquals(2, scan.lines().filter(l -> l.startsWith("  203.0.113.")).count(), "only the listed address is printed: " + scan);
    assertTrue(scan.contains("  Scanned 203.0.113.64/29 in ") && scan.contains("(addresses: 8, lists: "), scan);
    assertTrue(scan.contains("; listed: 1."), scan);
    assertTrue(scan.contains("Spamhaus ZEN (zen.spamhaus.org): questions refused: 1 (answer 127.255.255.254"), scan);
    assertTrue(scan.contains("an address not printed is not necessarily clean"), scan);
    assertTrue(r.out().contains("FAIL  readiness.naver  no-ptr.example.net\n"
        + "        Naver is likely to refuse or spam-folder this mail: missed a PTR that resolves back to the sending IP"), r.out());
    assertTrue(r.out().contains("        | [missed] a PTR that resolves back to the sending IP (ptr.missing 198.51.100.20)\n"), r.out());
    assertTrue(r.out().contains("Gmail rejected the mail (550 5.7.25), and the check confirms the cause: 198.51.100.20 has no PTR record."),
        r.out());
    assertTrue(r.out().contains("203.0.113.66 is listed on Spamhaus ZEN (zen.spamhaus.org): 127.0.0.3 is CSS"), r.out());
    assertTrue(r.out().contains("See: Spamhaus: check an IP or domain and request removal <https://check.spamhaus.org/>"), r.out());
    assertTrue(r.out().contains("ERROR dnsbl.query-refused  zen.spamhaus.org"), r.out());
    assertTrue(r.out().contains("WARN  smtp.no-starttls  mail.plaintext.example.com"), r.out());
    assertTrue(r.out().contains("FAIL  helo.unresolvable  localhost.localdomain"), r.out());
    assertTrue(r.out().contains("smtp_helo_name = mail.plaintext.example.com"), r.out());
    assertTrue(r.out().contains("| [missed] TLS (STARTTLS) on the connection (smtp.no-starttls mail.plaintext.example.com)"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void demoInKorean() {
    Cli r = Cli.run("demo", "--lang", "ko", "--format", "markdown");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("> 정상적인 발신 도메인: MX, PTR, SPF, DKIM, DMARC 모두 정상."), r.out());
    assertTrue(r.out().contains("DMARC 레코드가 없습니다"), r.out());
    assertTrue(r.out().contains("추측으로는 no-auth.example에 DKIM이 없다고 단정할 수 없습니다"), r.out());
    assertTrue(r.out().contains("# example.com 메일 발송 점검 결과"), r.out());
    assertTrue(r.out().contains("192.0.2.10의 PTR 레코드(mail.example.com)가 다시 192.0.2.10으로 조회됩니다"), r.out());
    assertTrue(r.out().contains("exmaple.com은 DNS에 없는 도메인입니다(NXDOMAIN)."), r.out());
    assertTrue(r.out().contains("KT DNS Management Service(https://dms.kornet.net/reverse)에서 요청하세요."), r.out());
    for (String clumsy : List.of("(으)", "(를)", "(가)", "(이)", "(은)", "(는)", "다음(DXNS", "다음 스팸", "증거", "정방향 확인 역방향", " 뒤 TIMEOUT")) {
      assertTrue(!r.out().contains(clumsy), clumsy + " in " + r.out());
    }
  }

  @Test
  void serveKeepsTheDemoWorldUpForCheckByHand() throws Exception {
    java.io.PipedWriter pipe = new java.io.PipedWriter();
    java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.PipedReader(pipe));
    java.io.StringWriter err = new java.io.StringWriter();
    Thread server = Thread.ofVirtual().start(() ->
        Main.run(new String[] {"demo", "--serve"}, new java.io.PrintWriter(pipe, true), new java.io.PrintWriter(err, true),
            new dev.mailcheck.config.Config(Map.of())));
    try {
      String first = lines.readLine();
      assertTrue(first.startsWith("Serving the demo world on 127.0.0.1:"), first);
      String hint = lines.readLine();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("--dns (127\\.0\\.0\\.1:\\d+)").matcher(hint);
      assertTrue(m.find(), hint);
      // The hint runs as printed: the demo's sending IPs are documentation addresses, allowed only with the flag.
      assertTrue(hint.strip().startsWith("MAILCHECK_ALLOW_PRIVATE=1 mailcheck check example.com --dns 127.0.0.1:"), hint);
      // Nothing beyond the demo's DNS: the hint skips every probe that would leave the machine (SMTP to port 25).
      assertTrue(hint.contains(" --skip " + DemoCommand.offWorldProbes()) && DemoCommand.offWorldProbes().contains("smtp"), hint);
      String second = lines.readLine();
      assertTrue(second.strip().startsWith("MAILCHECK_ALLOW_PRIVATE=1 mailcheck check no-ptr.example.net 198.51.100.20 --dns"), second);
      Cli refused = Cli.run("check", "no-ptr.example.net", "198.51.100.20", "--dns", m.group(1));
      assertEquals(2, refused.exit(), refused.toString());
      Cli fromIp = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "198.51.100.20", "--dns", m.group(1),
          "--skip", DemoCommand.offWorldProbes());
      assertEquals(1, fromIp.exit(), fromIp.toString());
      Cli check = Cli.run(Map.of("MAILCHECK_ALLOW_PRIVATE", "1"), "check", "no-ptr.example.net", "--dns", m.group(1),
          "--skip", DemoCommand.offWorldProbes());
      assertEquals(1, check.exit(), check.toString());
      assertTrue(check.out().contains("ptr.missing"), check.out());
      // Then the RDAP hint, then the demo's own mail server: its command, run as printed, talks SMTP to it.
      String smtpHint = null;
      for (String l = lines.readLine(); l != null; l = lines.readLine()) {
        if (l.strip().startsWith("MAILCHECK_SMTP_PORT=")) {
          smtpHint = l.strip();
          break;
        }
      }
      java.util.regex.Matcher p = java.util.regex.Pattern.compile("^MAILCHECK_SMTP_PORT=(\\d+) MAILCHECK_ALLOW_PRIVATE=1 mailcheck check "
          + "plaintext\\.example\\.com --helo localhost\\.localdomain --dns (127\\.0\\.0\\.1:\\d+) --skip (\\S+)$").matcher(smtpHint);
      assertTrue(p.matches(), smtpHint);
      Cli plain = Cli.run(Map.of("MAILCHECK_SMTP_PORT", p.group(1), "MAILCHECK_ALLOW_PRIVATE", "1"), "check", "plaintext.example.com",
          "--helo", "localhost.localdomain", "--dns", p.group(2), "--skip", p.group(3));
      assertEquals(1, plain.exit(), plain.toString());
      assertTrue(plain.out().contains("WARN  smtp.no-starttls  mail.plaintext.example.com"), plain.out());
      assertTrue(plain.out().contains("FAIL  helo.unresolvable  localhost.localdomain"), plain.out());
    } finally {
      server.interrupt();
      server.join(5_000);
    }
  }
}
