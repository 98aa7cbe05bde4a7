package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Advice;
import dev.mailcheck.report.Link;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the Slack bounce flow that need no Slack: Slack's text undone, the command word, help, advice. */
class SlackBounceTextsTest {
  @Test
  void slacksEntitiesLinksAndFencesAreUndone() {
    // A link Slack labelled reads as its label, as the user saw it.
    assertEquals("\n550 5.7.1 <postmaster@shop.example> see the page and a@b.example & more\n",
        SlackText.plain("```550 5.7.1 &lt;<mailto:postmaster@shop.example|postmaster@shop.example>&gt; see <https://x.example/a|the page> and "
            + "<mailto:a@b.example> &amp; more```"));
    assertEquals("550 5.7.25 [203.0.113.5] https://support.google.com/mail/answer/81126",
        SlackText.plain("550 5.7.25 [203.0.113.5] <https://support.google.com/mail/answer/81126>"));
    assertEquals("", SlackText.plain(null));
  }

  @Test
  void theBounceWordIsTheFirstWordInEnglishOrKorean() {
    assertTrue(BounceRequests.asksForBounce("bounce 550 5.7.25 …"));
    assertTrue(BounceRequests.asksForBounce("  BOUNCE\n550 5.7.25"));
    assertTrue(BounceRequests.asksForBounce("반송 550 5.7.25"));
    assertTrue(BounceRequests.asksForBounce("bounce"));
    assertFalse(BounceRequests.asksForBounce("bounce.example.com"));
    assertFalse(BounceRequests.asksForBounce("example.com bounce"));
    assertEquals("\n550 5.7.25 x", BounceRequests.afterWord("bounce\n550 5.7.25 x"));
    assertEquals("", BounceRequests.afterWord("bounce"));
  }

  @Test
  void helpAndTheAppHomeNameTheBounceCommandAndTheShortcut() {
    for (Lang lang : Lang.values()) {
      SlackRenderer r = new SlackRenderer(lang, "/mailcheck");
      String help = String.join("\n", Blocks.texts(r.help(null).blocksJson()));
      // Angle brackets as entities: Slack's mrkdwn would take a bare <…> for a link.
      assertTrue(help.contains("`/mailcheck bounce &lt;") && help.contains("*Diagnose bounce*"), help);
      String home = r.home(List.of());
      assertTrue(home.contains("/mailcheck bounce &lt;") && home.contains("Diagnose bounce"), home);
    }
  }

  @Test
  void adviceIsOneLinePerPartyWithNumberedStepsAndOnlyNewLinks() {
    Link shown = new Link("Gmail: guidelines", "https://support.google.com/mail/answer/81126");
    Link other = new Link("Postmaster Tools", "https://postmaster.google.com");
    String text = SlackAdvice.text(List.of(new Advice("gmail", "Gmail", "Fix <this> first.", List.of("Step one.", "Step two."),
        List.of(shown, other))), List.of(shown), Messages.of(Lang.EN));
    assertEquals("*Gmail:* Fix &lt;this&gt; first.\n   1. Step one.\n   2. Step two.\n   <https://postmaster.google.com|Postmaster Tools>", text);
    assertEquals("", SlackAdvice.text(List.of(), List.of(), Messages.of(Lang.KO)));
  }
}
