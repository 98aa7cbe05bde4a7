package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import org.junit.jupiter.api.Test;

/** The bounce texts are filled by {@link Messages}: a particle after an address follows how it is read. */
class BounceParticlesTest {
  private final Messages ko = Messages.of(Lang.KO);

  @Test
  void theParticleAfterTheAddressFitsItsLastSound() {
    String five = ko.get("bounce.blocklist.listed.fix", "Gmail", "550", "203.0.113.5", "example.com", "Spamhaus");
    assertTrue(five.contains("203.0.113.5를"), five);
    String ten = ko.get("bounce.blocklist.listed.fix", "Gmail", "550", "192.0.2.10", "example.com", "Spamhaus");
    assertTrue(ten.contains("192.0.2.10을"), ten);
    String receiver = ko.get("bounce.receiver.busy.summary", "네이버", "421");
    assertTrue(receiver.startsWith("네이버가"), receiver);
  }
}
