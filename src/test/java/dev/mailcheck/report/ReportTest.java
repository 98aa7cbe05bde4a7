package dev.mailcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Finding f(String id, Severity s) {
    return new Finding(id, id.substring(0, id.indexOf('.')), s, "example.com", null, List.of("example.com"), List.of(Text.plain("ev")));
  }

  private static Report report(Finding... findings) {
    return Report.of(new Report.ReportTarget("한국.kr", "domain", "xn--3e0b707e.kr", "한국.kr"), null, Instant.EPOCH, 5,
        List.of(findings), null, List.of());
  }

  @Test
  void verdictIsTheWorstWithFailBeforeError() {
    assertEquals(Severity.ERROR, report().verdict(), "a run that found nothing checked nothing");
    assertEquals(Severity.PASS, report(f("mx.ok", Severity.PASS), f("mx.missing", Severity.INFO)).verdict());
    assertEquals(Severity.WARN, report(f("mx.ok", Severity.PASS), f("mx.target-cname", Severity.WARN)).verdict());
    assertEquals(Severity.ERROR, report(f("mx.target-cname", Severity.WARN), f("dns.timeout", Severity.ERROR)).verdict());
    assertEquals(Severity.FAIL, report(f("dns.timeout", Severity.ERROR), f("ptr.missing", Severity.FAIL)).verdict());
  }

  @Test
  void countsEverySeverity() {
    Report r = report(f("mx.ok", Severity.PASS), f("ptr.ok", Severity.PASS), f("ptr.missing", Severity.FAIL));
    assertEquals(2, r.count(Severity.PASS));
    assertEquals(1, r.count(Severity.FAIL));
    assertEquals(0, r.count(Severity.ERROR));
    assertEquals(5, r.counts().size());
  }

  @Test
  void byAreaGroupsInAreaOrderAndUnknownChecksGoToRun() {
    Report r = report(f("mx.ok", Severity.PASS), f("ptr.ok", Severity.PASS), f("check.incomplete", Severity.ERROR),
        f("spf.ok", Severity.PASS));
    assertEquals(List.of(Area.SENDING_IPS, Area.SPF, Area.TRANSPORT, Area.RUN), List.copyOf(r.byArea().keySet()));
  }

  @Test
  void textShowsBothFormsOfAnIdnAndTheVerdictLast() {
    Report r = report(f("ptr.missing", Severity.FAIL));
    String text = new TextRenderer(false).render(r, Lang.EN);
    assertTrue(text.startsWith("mailcheck report for 한국.kr (xn--3e0b707e.kr)\n"), text);
    assertTrue(text.strip().endsWith("Verdict: Problems that cause rejection or spam-foldering (0 pass, 0 info, 0 warn, 1 fail, 0 error) in 5 ms"), text);
    String colour = new TextRenderer(true).render(r, Lang.EN);
    assertTrue(colour.contains("\u001b[31mFAIL \u001b[0m"), colour);
  }

  @Test
  void markdownAndKorean() {
    Report r = report(f("ptr.missing", Severity.FAIL));
    String md = new MarkdownRenderer().render(r, Lang.KO);
    assertTrue(md.startsWith("# 한국.kr 메일 발송 점검 결과"), md);
    assertTrue(md.contains("- **실패** `ptr.missing` example.com: example.com에 PTR(역방향 DNS) 레코드가 없습니다."), md);
  }

  @Test
  void aStoredReportIsShownInEitherLanguageAndComparesByIdSubjectAndArgs() {
    Report r = report(f("ptr.missing", Severity.FAIL));
    String en = new TextRenderer(false).render(r, Lang.EN);
    String ko = new TextRenderer(false).render(r, Lang.KO);
    assertTrue(en.contains("example.com has no PTR record."), en);
    assertTrue(ko.contains("example.com에 PTR(역방향 DNS) 레코드가 없습니다."), ko);
    assertEquals(f("ptr.missing", Severity.FAIL).key(), r.findings().get(0).key());
  }
}
