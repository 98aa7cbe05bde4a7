package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Codes out of replies (RFC 5321 §4.2, RFC 3463) and multi-line replies joined. */
class ReplyTextTest {
  @Test
  void multiLineReplyIsUnwrapped() {
    ReplyText r = ReplyText.of("""
        550-5.7.1 [203.0.113.9] Our system has detected that this
        550-5.7.1 message is likely suspicious. Please visit
        550 5.7.1  https://support.google.com/mail/answer/188131 for more information.""");
    assertEquals("550", r.smtpCode());
    assertEquals("5.7.1", r.enhancedCode());
    assertEquals("[203.0.113.9] Our system has detected that this message is likely suspicious. Please visit"
        + " https://support.google.com/mail/answer/188131 for more information.", r.text());
  }

  @Test
  void prefixesInTheMiddleOfAJoinedReplyAreRemoved() {
    ReplyText r = ReplyText.of("451-4.7.27 SPF did not 451-4.7.27 pass for this 451 4.7.27 message. xyz - gsmtp");
    assertEquals("451 4.7.27", r.codes());
    assertEquals("SPF did not pass for this message. xyz - gsmtp", r.text());
  }

  @Test
  void addressesAndVersionsAreNotCodes() {
    ReplyText r = ReplyText.of("Messages from 192.0.2.25 deferred - 4.16.55.1; server 5.0.2195.5600");
    assertNull(r.smtpCode());
    assertNull(r.enhancedCode());
  }

  @Test
  void replyWithoutEnhancedCode() {
    ReplyText r = ReplyText.of("host mx.example.net[192.0.2.1] said: 554 Transaction failed: spam message rejected");
    assertEquals("554", r.smtpCode());
    assertNull(r.enhancedCode());
  }
}
