package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which channels are named in a refusal, and how: IDs as Slack links, names with '#'. */
class AccessPolicyTest {
  @Test
  void channelNamesThatLookLikeIdsOnceLowerCasedStayNames() {
    AccessPolicy p = AccessPolicy.of("#general,#chatops,C0MAILOPS,gossip", null);
    AccessPolicy.Refusal r = p.check("C0OTHER1", "random", "U1", "kim");
    assertEquals("slack.refused.channel", r.key());
    assertEquals("<#C0MAILOPS>, #chatops, #general, #gossip", r.arg());
    assertNull(p.check("C0MAILOPS", "whatever", "U1", "kim"));
    assertNull(p.check("C0XYZ123", "general", "U1", "kim"));
    assertNull(p.check("C0XYZ123", "ChatOps", "U1", "kim"));
  }
}
