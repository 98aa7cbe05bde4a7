package dev.mailcheck.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The macro language of RFC 7208 §7, with the examples of §7.4. */
class MacroExpanderTest {
  private static MacroExpander.Values values(String ip) throws Exception {
    return new MacroExpander.Values("strong-bad@email.example.com", "strong-bad", "email.example.com", "email.example.com",
        InetAddress.getByName(ip), "mx.example.org", null, "mx.receiver.example", 1_700_000_000L);
  }

  private static String expand(String s) throws Exception {
    return MacroExpander.expand(s, values("192.0.2.3"));
  }

  @Test
  void rfcSection74Examples() throws Exception {
    assertEquals("strong-bad@email.example.com", expand("%{s}"));
    assertEquals("email.example.com", expand("%{o}"));
    assertEquals("email.example.com", expand("%{d}"));
    assertEquals("email.example.com", expand("%{d4}"));
    assertEquals("email.example.com", expand("%{d3}"));
    assertEquals("example.com", expand("%{d2}"));
    assertEquals("com", expand("%{d1}"));
    assertEquals("com.example.email", expand("%{dr}"));
    assertEquals("example.email", expand("%{d2r}"));
    assertEquals("strong-bad", expand("%{l}"));
    assertEquals("strong.bad", expand("%{l-}"));
    assertEquals("strong-bad", expand("%{lr}"));
    assertEquals("bad.strong", expand("%{lr-}"));
    assertEquals("strong", expand("%{l1r-}"));
    assertEquals("3.2.0.192.in-addr._spf.example.com", expand("%{ir}.%{v}._spf.%{d2}"));
    assertEquals("bad.strong.lp._spf.example.com", expand("%{lr-}.lp._spf.%{d2}"));
    assertEquals("bad.strong.lp.3.2.0.192.in-addr._spf.example.com", expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}"));
    assertEquals("3.2.0.192.in-addr.strong.lp._spf.example.com", expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}"));
    assertEquals("example.com.trusted-domains.example.net", expand("%{d2}.trusted-domains.example.net"));
  }

  @Test
  void ipv6ReverseNibbles() throws Exception {
    String v6 = MacroExpander.expand("%{ir}.%{v}._spf.%{d2}", values("2001:db8::cb01"));
    // §7.4 writes the nibbles in lower case; DNS names compare case-insensitively (the suite expects upper case).
    assertEquals("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com", v6.toLowerCase());
    assertEquals("2001:db8::cb01", MacroExpander.expandExplanation("%{c}", values("2001:db8::cb01")));
    assertEquals("in-addr", MacroExpander.expand("%{v}", values("::ffff:192.0.2.3")));
  }

  @Test
  void literalsEscapesAndUrlEncoding() throws Exception {
    assertEquals("100% sure", MacroExpander.expandExplanation("100%% sure", values("192.0.2.3")));
    assertEquals("a b%20c", expand("a%_b%-c"));
    MacroExpander.Values v = new MacroExpander.Values("~jack&jill=up@example.com", "~jack&jill=up", "example.com", "example.com",
        InetAddress.getByName("192.0.2.3"), "h", null, null, 0);
    assertEquals("~jack%26jill%3Dup", MacroExpander.expand("%{L}", v));
    assertEquals("~jack&jill=up", MacroExpander.expand("%{l}", v));
    assertEquals("%5B192.0.2.1%5D", MacroExpander.expand("%{H}", new MacroExpander.Values("s@d", "s", "d", "d",
        InetAddress.getByName("192.0.2.3"), "[192.0.2.1]", null, null, 0)));
  }

  @Test
  void explanationOnlyLetters() throws Exception {
    assertEquals("192.0.2.3 mx.receiver.example 1700000000", MacroExpander.expandExplanation("%{c} %{r} %{t}", values("192.0.2.3")));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{c}.example.com"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{r}.example.com"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{t}.example.com"));
    assertEquals("unknown", MacroExpander.expand("%{p}", values("192.0.2.3")));
  }

  @Test
  void syntaxErrors() {
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{x}"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{d0}"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{d2r;}"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%(ir).example.com"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("foo%"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("%{d"));
    assertThrows(SpfSyntaxException.class, () -> MacroExpander.validate("a b"));
  }

  @Test
  void dependencyQueries() {
    assertTrue(MacroExpander.usesValidatedName("%{p}.example.com"));
    assertFalse(MacroExpander.usesValidatedName("%{d}.example.com"));
    assertTrue(MacroExpander.dependsOnClient("%{i}._spf.example.com"));
    assertTrue(MacroExpander.dependsOnClient("%{I}._spf.example.com"));
    assertFalse(MacroExpander.dependsOnClient("_spf.%{d2}"));
  }

  @Test
  void parserKeepsDualCidrAndRejectsBadTerms() throws Exception {
    SpfRecord r = SpfRecord.parse("v=spf1 a:mail.example.com/24//64 mx//48 ip6:2001:db8::/32 ~all exp=explain.%{d} foo=bar");
    assertEquals(24, r.mechanisms().get(0).cidr4());
    assertEquals(64, r.mechanisms().get(0).cidr6());
    assertEquals(48, r.mechanisms().get(1).cidr6());
    assertEquals(Qualifier.TILDE, r.mechanisms().get(3).qualifier());
    assertEquals("explain.%{d}", r.exp());
    assertEquals(1, r.unknownModifiers().size());
    assertThrows(SpfSyntaxException.class, () -> SpfRecord.parse("v=spf1 ip4:192.0.2.1/33"));
    assertThrows(SpfSyntaxException.class, () -> SpfRecord.parse("v=spf1 a:example"));
    assertThrows(SpfSyntaxException.class, () -> SpfRecord.parse("v=spf1 include:example.com/24"));
    assertThrows(SpfSyntaxException.class, () -> SpfRecord.parse("v=spf1 redirect=a.example redirect=b.example"));
    assertTrue(SpfRecord.parse("v=spf1 redirect=_spf.example.com").hasAll() == false);
  }
}
