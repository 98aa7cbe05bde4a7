package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.TargetParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the text after /mailcheck is understood as. */
class SlashCommandTest {
  private static final Messages EN = Messages.of(Lang.EN);

  private static SlashCommand parse(String text) {
    return SlashCommand.parse(text, new TargetParser(true), EN);
  }

  @Test
  void helpForNothingHelpOrAnUnknownWord() {
    assertEquals(new SlashCommand.Help(null), parse(""));
    assertEquals(new SlashCommand.Help(null), parse("  help "));
    assertEquals(new SlashCommand.Help(null), parse("도움말"));
    assertEquals(new SlashCommand.Help("status"), parse("status"));
    assertEquals(new SlashCommand.Help("please"), parse("example.com please"));
    assertEquals(new SlashCommand.Help(null), parse("example.com help"));
    assertEquals(new SlashCommand.Help(null), parse("example.com from 192.0.2.1 --help"));
    assertEquals(new SlashCommand.Help(null), parse("example.com 도움말"));
  }

  @Test
  void heloNamesAndSelectorsFollowTheSameRulesAsTheCli() {
    assertEquals("'mail..example.com' is not a host name a server can announce; give a name like mail.example.com or an address literal like [203.0.113.5].",
        assertInstanceOf(SlashCommand.Invalid.class, parse("example.com helo mail..example.com")).sentence());
    assertInstanceOf(SlashCommand.Invalid.class, parse("example.com helo -mail.example.com"));
    assertInstanceOf(SlashCommand.Invalid.class, parse("example.com helo mail_x.example.com"));
    assertEquals("[192.0.2.1]", assertInstanceOf(SlashCommand.Run.class, parse("example.com helo [192.0.2.1]")).helo());
    assertEquals("mail.example.com", assertInstanceOf(SlashCommand.Run.class, parse("example.com helo=mail.example.com")).helo());
    assertEquals("mail.example.com", assertInstanceOf(SlashCommand.Run.class, parse("example.com EHLO=mail.example.com")).helo());
    assertInstanceOf(SlashCommand.Invalid.class, parse("example.com helo="));
    assertInstanceOf(SlashCommand.Invalid.class, parse("example.com helo [999.1.1.1]"));
    assertEquals("mail.example.com",
        assertInstanceOf(SlashCommand.Run.class, parse("example.com helo <http://mail.example.com|mail.example.com>")).helo());
    SlashCommand ko = SlashCommand.parse("example.com helo a..b", new TargetParser(true), Messages.of(Lang.KO));
    assertTrue(assertInstanceOf(SlashCommand.Invalid.class, ko).sentence().contains("호스트 이름이 아닙니다"));

    assertEquals(List.of("s_1.google"), assertInstanceOf(SlashCommand.Run.class, parse("example.com selector s_1.google")).selectors());
    assertEquals(List.of("_x"), assertInstanceOf(SlashCommand.Run.class, parse("example.com selector _x")).selectors());
    for (String bad : List.of("s1..x", "s1.", ".s1", "s-", "a/b")) {
      assertTrue(assertInstanceOf(SlashCommand.Invalid.class, parse("example.com selector " + bad), bad).sentence()
          .startsWith("'" + bad + "' is not a DKIM selector name"), bad);
    }
  }

  @Test
  void optionsMayBeWrittenAsOneWordWithEquals() {
    SlashCommand.Run run = assertInstanceOf(SlashCommand.Run.class, parse("example.com selector=s1 Selector=google from=192.0.2.10"));
    assertEquals(List.of("s1", "google"), run.selectors());
    assertEquals("example.com from 192.0.2.10 selector s1 selector google", run.text());
    assertTrue(assertInstanceOf(SlashCommand.Invalid.class, parse("example.com selector=s1..x")).sentence()
        .startsWith("'s1..x' is not a DKIM selector name"));
    assertEquals("After \"selector\" give a DKIM selector name, e.g. selector s1.",
        assertInstanceOf(SlashCommand.Invalid.class, parse("example.com selector=")).sentence());
  }

  @Test
  void repeatedSelectorsCountOnceAndTooManyGetOneSentence() {
    SlashCommand.Run run = assertInstanceOf(SlashCommand.Run.class, parse("example.com" + " -s s1".repeat(150) + " selector S2"));
    assertEquals(List.of("s1", "s2"), run.selectors());
    assertEquals("example.com selector s1 selector s2", run.text());
    StringBuilder many = new StringBuilder("example.com");
    for (int i = 0; i < 11; i++) {
      many.append(" -s k").append(i);
    }
    SlashCommand.Invalid inv = assertInstanceOf(SlashCommand.Invalid.class, parse(many.toString()));
    assertEquals("Name at most 10 DKIM selectors in one check.", inv.sentence());
  }

  @Test
  void targetsInEveryAcceptedForm() {
    for (String t : List.of("example.com", "Example.COM.", "<http://example.com|example.com>", "postmaster@example.com",
        "<mailto:postmaster@example.com|postmaster@example.com>", "https://example.com/some/path")) {
      SlashCommand.Run run = assertInstanceOf(SlashCommand.Run.class, parse(t), t);
      assertEquals("example.com", run.target().name(), t);
      assertEquals("example.com", run.text(), t);
    }
    SlashCommand.Run ip = assertInstanceOf(SlashCommand.Run.class, parse("192.0.2.10"));
    assertTrue(ip.target().isIp());
  }

  @Test
  void optionsFromSelectorHeloAndPrivate() {
    SlashCommand.Run run = assertInstanceOf(SlashCommand.Run.class, parse("Example.com FROM 192.0.2.10 selector S1 helo mail.example.com private"));
    assertEquals("192.0.2.10", run.from().getHostAddress());
    assertEquals(List.of("s1"), run.selectors());
    assertEquals("mail.example.com", run.helo());
    assertTrue(run.privately());
    assertEquals("example.com from 192.0.2.10 selector s1 helo mail.example.com private", run.text());
    // A bare IP after the domain is the sending IP.
    SlashCommand.Run bare = assertInstanceOf(SlashCommand.Run.class, parse("example.com 192.0.2.10"));
    assertEquals("192.0.2.10", bare.from().getHostAddress());
    // An IPv6 sending IP is echoed in its short form.
    SlashCommand.Run six = assertInstanceOf(SlashCommand.Run.class, parse("example.com from 2001:db8:0:0:0:0:0:10"));
    assertEquals("example.com from 2001:db8::10", six.text());
  }

  @Test
  void badInputGetsOneSentence() {
    assertEquals("After \"from\" give the IP address your server sends from, e.g. from 203.0.113.5.",
        ((SlashCommand.Invalid) parse("example.com from")).sentence());
    assertTrue(((SlashCommand.Invalid) parse("example.com other.org")).sentence().startsWith("Check one target at a time"));
    assertEquals("'192.0.2.11' is a sending IP, which goes with exactly one domain; write the domain and then the IP, e.g. 'example.com 192.0.2.11'.",
        ((SlashCommand.Invalid) parse("192.0.2.10 from 192.0.2.11")).sentence());
    assertTrue(((SlashCommand.Invalid) parse("example.com selector -x")).sentence().contains("is not a DKIM selector"));
    assertTrue(((SlashCommand.Invalid) parse("exa..mple.com")).sentence().startsWith("'exa..mple.com' has an empty label"));
    SlashCommand strict = SlashCommand.parse("10.1.2.3", new TargetParser(false), EN);
    assertTrue(((SlashCommand.Invalid) strict).sentence().contains("is a private address"), strict.toString());
  }

  @Test
  void sentencesAreInTheUsersLanguage() {
    SlashCommand ko = SlashCommand.parse("example.com from", new TargetParser(true), Messages.of(Lang.KO));
    assertTrue(((SlashCommand.Invalid) ko).sentence().startsWith("\"from\" 뒤에는"), ko.toString());
    SlashCommand bad = SlashCommand.parse("exa..mple.com", new TargetParser(true), Messages.of(Lang.KO));
    assertEquals("빈 레이블이 있습니다(점이 연달아 있거나 점으로 시작함): 'exa..mple.com'. 도메인(example.com), IP 주소(203.0.113.5, 2001:db8::25)"
        + " 또는 메일 주소(user@example.com)를 입력하세요.", ((SlashCommand.Invalid) bad).sentence());
  }
}
