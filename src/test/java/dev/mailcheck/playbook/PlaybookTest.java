package dev.mailcheck.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bounce.BounceAdvice;
import dev.mailcheck.bounce.BounceDiagnosis;
import dev.mailcheck.bounce.Bounces;
import dev.mailcheck.bounce.Signatures;
import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.ListKind;
import dev.mailcheck.report.Advice;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Link;
import dev.mailcheck.report.Severity;
import dev.mailcheck.report.Text;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The playbook is complete and honest: every finding ID (the catalogs' and DESIGN.md's) has a fix in
 * English and Korean, every entry says where its facts come from, an Outlook.com block is never sent
 * to Microsoft 365's portal, and KISA's white-domain programme is only ever mentioned as closed.
 */
class PlaybookTest {
  /** The project's design notes, read where they lie next to the project (not copied into it). */
  static final Path DESIGN = Path.of("..", "shared", "DESIGN.md");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private final Procedures procedures = Procedures.bundled();

  /** The finding IDs of DESIGN.md's table (the rows of its "Finding IDs" section). */
  static Set<String> designIds() throws IOException {
    assertTrue(Files.isReadable(DESIGN), "DESIGN.md is not at " + DESIGN.toAbsolutePath());
    String doc = Files.readString(DESIGN);
    int from = doc.indexOf("## Finding IDs");
    int to = doc.indexOf("\n## ", from + 1);
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z]+\\.[a-z0-9-]+)`").matcher(doc.substring(from, to));
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void everyFindingIdHasAFixInEnglishAndKorean() throws IOException {
    Set<String> ids = new TreeSet<>(designIds());
    assertTrue(ids.size() > 70, "found " + ids);
    Catalog catalog = Catalog.bundled();
    catalog.entries().forEach(e -> ids.add(e.id()));
    Messages en = Messages.of(Lang.EN);
    Messages ko = Messages.of(Lang.KO);
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      boolean inCatalog = catalog.entries().stream().anyMatch(e -> e.id().equals(id));
      if (inCatalog) {
        Catalog.Entry e = catalog.entry(id);
        boolean fixed = false;
        for (String form : e.forms()) {
          if (e.wording(form).fix()) {
            fixed = fixed || en.has(e.fixKey(form)) && ko.has(e.fixKey(form));
          }
        }
        // A pass, or a note that asks nothing of the sender (dmarc.inherited), needs no fix.
        boolean nothingToDo = e.forms().stream().noneMatch(f -> e.wording(f).fix())
            && e.forms().stream().allMatch(f -> Set.of(Severity.PASS, Severity.INFO).containsAll(e.wording(f).severities()));
        if (!fixed && !nothingToDo) {
          missing.add(id + " (catalog)");
        }
        continue;
      }
      boolean advised = procedures.entries(id).stream()
          .anyMatch(a -> a.fix() != null && !blank(a.fix().en()) && !blank(a.fix().ko()));
      if (!advised && !procedures.nothingToFix().contains(id)) {
        missing.add(id + " (neither catalog nor playbook)");
      }
    }
    assertEquals(List.of(), missing);
    // "Nothing to fix" is for IDs that report something fine, of checks not in this build.
    for (String id : procedures.nothingToFix()) {
      assertTrue(id.endsWith(".ok") || id.endsWith(".clean"), id);
      assertTrue(designIds().contains(id), id + " is not a DESIGN.md ID");
    }
  }

  @Test
  void everyEntryIsInBothLanguagesWithItsLinksAndProvenance() {
    Playbook links = Playbook.bundled();
    List<String> problems = new ArrayList<>();
    for (String id : procedures.findingIds()) {
      for (Procedures.Entry e : procedures.entries(id)) {
        String where = id + "/" + e.party();
        check(where, e.fix(), e.stepsEn(), e.stepsKo(), e.links(), e.provenance(), links, problems);
      }
    }
    for (Procedures.Notice n : procedures.notices()) {
      check("notice " + n.id(), n.text(), List.of(), List.of(), List.of(), n.provenance(), links, problems);
    }
    assertEquals(List.of(), problems);
    links.entries().forEach(l -> assertTrue(l.source() != null && DATE.matcher(String.valueOf(l.verified())).matches(), l.key()));
    // One entry per URL: a page that moves is changed in one place.
    Set<String> urls = new java.util.HashSet<>();
    links.entries().forEach(l -> assertTrue(urls.add(l.url()), "two link entries for " + l.url()));
  }

  private static void check(String where, Procedures.Words fix, List<String> en, List<String> ko, List<String> links,
      Procedures.Provenance p, Playbook playbook, List<String> problems) {
    if (fix == null || blank(fix.en()) || blank(fix.ko()) || fix.en().equals(fix.ko())) {
      problems.add(where + ": no fix in both languages");
    }
    if (en.size() != ko.size()) {
      problems.add(where + ": " + en.size() + " steps in English, " + ko.size() + " in Korean");
    }
    links.stream().filter(k -> !playbook.has(k)).forEach(k -> problems.add(where + ": unknown link " + k));
    if (blank(p.source())) {
      problems.add(where + ": no source");
    }
    boolean dated = p.verified() != null && DATE.matcher(p.verified()).matches();
    boolean markedUnverified = p.unverified() && p.note() != null && p.note().startsWith("unverified:");
    if (!dated && !markedUnverified) {
      problems.add(where + ": neither a verified date nor 'status: unverified' with a note");
    }
    for (String text : List.of(fix == null ? "" : fix.ko(), String.join(" ", ko))) {
      for (String doubled : List.of("(으)", "을(를)", "를(을)", "이(가)", "가(이)", "은(는)", "는(은)", "와(과)", "과(와)")) {
        if (text.contains(doubled)) {
          problems.add(where + ": double particle " + doubled);
        }
      }
      // "다음" alone reads as "next"; the portal is written 다음(Daum).
      if (text.contains("다음에는") || text.contains("다음은 ") || text.contains("다음이 ")) {
        problems.add(where + ": Daum written bare as 다음");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Outlook.com (consumer) blocks are cleared by its own form; sender.office.com only serves Microsoft 365. */
  @Test
  void anOutlookComBlockIsNeverSentToSenderOfficeCom() throws Exception {
    for (Procedures.Entry e : allEntries()) {
      if (e.party().equals("outlook")) {
        for (String k : e.links()) {
          assertNotEquals("sender.office.com", host(Playbook.bundled(), k), e.finding() + "/outlook links " + k);
        }
      }
    }
    Set<String> categories = new TreeSet<>();
    Signatures.bundled().rules().forEach(r -> categories.add(r.category()));
    for (String category : categories) {
      for (Lang lang : Lang.values()) {
        BounceAdvice a = Bounces.bundled().advise(new BounceDiagnosis("outlook", category, null, "550", "5.7.1", "203.0.113.5",
            "example.com", "mx.olc.protection.outlook.com", null), lang);
        for (Link l : a.links()) {
          assertNotEquals("sender.office.com", URI.create(l.url()).getHost(), category + " (" + lang + ") links " + l.url());
        }
      }
    }
    // A real Outlook.com rejection goes to the Outlook.com form.
    BounceDiagnosis d = Bounces.bundled().diagnose(
        "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part "
            + "of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx");
    assertEquals("outlook", d.provider());
    List<String> hosts = Bounces.bundled().advise(d, Lang.EN).links().stream().map(l -> URI.create(l.url()).getHost()).toList();
    assertTrue(hosts.contains("olcsupport.office.com"), hosts.toString());
    assertFalse(hosts.contains("sender.office.com"), hosts.toString());
  }

  private List<Procedures.Entry> allEntries() {
    List<Procedures.Entry> all = new ArrayList<>();
    procedures.findingIds().forEach(id -> all.addAll(procedures.entries(id)));
    return all;
  }

  private static String host(Playbook p, String key) {
    return URI.create(p.link(key, Lang.EN).url()).getHost();
  }

  /** KISA's white-domain programme closed in 2024: mentioned only to say so, never offered as a fix. */
  @Test
  void kisaWhiteDomainIsOnlyEverSaidToBeClosed() {
    List<String> texts = new ArrayList<>();
    allEntries().forEach(e -> {
      texts.add(e.fix().en());
      texts.add(e.fix().ko());
      texts.addAll(e.stepsEn());
      texts.addAll(e.stepsKo());
    });
    procedures.notices().forEach(n -> {
      texts.add(n.text().en());
      texts.add(n.text().ko());
    });
    Playbook.bundled().entries().forEach(l -> texts.add(l.url()));
    for (String t : texts) {
      if (t.contains("spam.kisa.or.kr/white")) {
        throw new AssertionError("links to the closed KISA white-domain registration: " + t);
      }
      boolean mentions = t.contains("KISA") && (t.contains("white") || t.contains("화이트"));
      if (mentions) {
        assertTrue(t.contains("closed") || t.contains("ended") || t.contains("종료"), t);
      }
    }
    Procedures.Notice kisa = procedures.notices().stream().filter(n -> n.id().equals("kisa-white-domain")).findFirst().orElseThrow();
    assertEquals("closed", kisa.status());
    assertTrue(kisa.findings().contains("spf.missing") && kisa.findings().contains("readiness.naver"), kisa.findings().toString());
  }

  @Test
  void aListingGetsTheAdviceOfTheListItNames() {
    Finding spamhaus = new Finding("dnsbl.listed", "dnsbl", Severity.FAIL, "203.0.113.5", null,
        List.of("203.0.113.5", "zen.spamhaus.org", "127.0.0.2"), List.<Text>of());
    List<String> parties = procedures.advise(spamhaus, true, Lang.EN).stream().map(Advice::party).toList();
    assertEquals(List.of("spamhaus"), parties);
    Finding unknownList = new Finding("dnsbl.listed", "dnsbl", Severity.FAIL, "203.0.113.5", null,
        List.of("203.0.113.5", "bl.example.org", "127.0.0.2"), List.<Text>of());
    // No catalog fix (the check is not in this build) and no list matched: the generic fix.
    assertEquals(List.of("*"), procedures.advise(unknownList, false, Lang.EN).stream().map(Advice::party).toList());
  }

  @Test
  void aBlocklistsAdviceLinksTheDelistingPageTheListCatalogNames() {
    // The list catalog (dnsbl/lists.json) says where each list delists; the playbook's per-list advice
    // must point at that same page, so a listing never shows two different removal pages.
    Playbook links = Playbook.bundled();
    List<BlockList> lists = BlockLists.catalog();
    List<String> problems = new ArrayList<>();
    lists.stream().filter(l -> l.delist() != null && !links.has(l.delist()))
        .forEach(l -> problems.add(l.id() + ": unknown delisting link " + l.delist()));
    for (String id : List.of("dnsbl.listed", "dbl.listed", "dnsbl.query-refused")) {
      boolean domains = id.startsWith("dbl.");
      for (Procedures.Entry e : procedures.entries(id)) {
        if (e.party().equals(Procedures.ANY)) {
          continue;
        }
        List<String> names = e.match().isEmpty() ? List.of(e.party()) : e.match();
        List<BlockList> named = lists.stream()
            .filter(l -> l.supports(ListKind.DOMAIN) == domains)
            .filter(l -> names.stream().anyMatch(m -> l.display().contains(m) || l.id().startsWith(m))).toList();
        if (named.isEmpty()) {
          problems.add(id + "/" + e.party() + ": names no list of dnsbl/lists.json");
        }
        named.stream().filter(l -> l.delist() != null && !e.links().contains(l.delist()))
            .forEach(l -> problems.add(id + "/" + e.party() + ": links " + e.links() + ", the list catalog names " + l.delist()));
      }
    }
    assertEquals(List.of(), problems);
  }
}
