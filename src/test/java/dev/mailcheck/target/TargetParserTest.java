package dev.mailcheck.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetParserTest {
  private final TargetParser strict = new TargetParser(false);
  private final TargetParser lenient = new TargetParser(true);

  private Target parse(String text) throws BadTargetException {
    return strict.parse(text);
  }

  /** The sentence a user sees for bad input: one line, says what is accepted, no exception class names. */
  private String refusal(TargetParser parser, String text) {
    BadTargetException e = assertThrows(BadTargetException.class, () -> parser.parse(text), () -> "accepted: " + text);
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertFalse(m.matches(".*\\b\\w+(Exception|Error)\\b.*"), m);
    assertFalse(m.contains("java."), m);
    assertTrue(m.endsWith("."), m);
    return m;
  }

  @ParameterizedTest
  @CsvSource({
      "example.com, example.com",
      "Example.COM., example.com",
      "  example.com  , example.com",
      "mail.Example.com, mail.example.com",
      "user@example.com, example.com",
      "First.Last+tag@Sub.Example.com, sub.example.com",
      "<http://example.com|example.com>, example.com",
      "<https://www.example.com/path?q=1|www.example.com/path>, www.example.com",
      "<mailto:a@example.com|a@example.com>, example.com",
      "mailto:postmaster@example.org?subject=hi, example.org",
      "http://example.com:8080/some/path, example.com",
      "https://user:pw@example.net/x#frag, example.net",
      "_dmarc.example.com, _dmarc.example.com",
      "mail.example.com:587, mail.example.com",
  })
  void domainsAreNormalised(String input, String name) throws Exception {
    Target t = parse(input);
    assertEquals(Target.Kind.DOMAIN, t.kind());
    assertFalse(t.isIp());
    assertEquals(name, t.name());
    assertEquals(name, t.unicode());
    assertEquals(input, t.input());
    assertNull(t.ip());
  }

  @Test
  void idnIsConvertedToALabelsAndKeptInUnicode() throws Exception {
    Target t = parse("한국.kr");
    assertEquals("xn--3e0b707e.kr", t.name());
    assertEquals("한국.kr", t.unicode());
    assertEquals("한국.kr (xn--3e0b707e.kr)", t.display());
    Target url = parse("<http://한국.kr/path|한국.kr>");
    assertEquals("xn--3e0b707e.kr", url.name());
    Target mail = parse("사용자@한국.KR");
    assertEquals("xn--3e0b707e.kr", mail.name());
    Target ace = parse("XN--3E0B707E.kr");
    assertEquals("한국.kr", ace.unicode());
  }

  @ParameterizedTest
  @CsvSource({
      "8.8.8.8, 8.8.8.8",
      "[8.8.4.4], 8.8.4.4",
      "user@[8.8.8.8], 8.8.8.8",
      "<http://8.8.8.8/|8.8.8.8>, 8.8.8.8",
      "::ffff:8.8.8.8, 8.8.8.8",
  })
  void ipv4Addresses(String input, String name) throws Exception {
    Target t = parse(input);
    assertEquals(Target.Kind.IP, t.kind());
    assertTrue(t.isIp());
    assertTrue(t.ip() instanceof Inet4Address);
    assertEquals(name, t.name());
    assertEquals(name, t.unicode());
  }

  @Test
  void nat64OfAPublicAddressIsPublic() throws Exception {
    assertEquals(Target.Kind.IP, parse("64:ff9b::8.8.8.8").kind());
  }

  @Test
  void ipv6Addresses() throws Exception {
    Target t = parse("2001:4860:4860::8888");
    assertEquals(Target.Kind.IP, t.kind());
    assertTrue(t.ip() instanceof Inet6Address);
    assertEquals("2001:4860:4860::8888", t.name(), "RFC 5952 canonical text");
    assertEquals("2001:4860:4860::8888", parse("2001:4860:4860:0000:0000:0000:0000:8888").name());
    Target bracketed = parse("[2001:4860:4860::8888]");
    assertEquals(t.ip(), bracketed.ip());
    assertEquals(t.name(), bracketed.name());
  }

  @Test
  void addressWithAPortAsPastedFromMailSettings() throws Exception {
    assertEquals("8.8.8.8", parse("8.8.8.8:25").name());
    assertEquals("2001:4860:4860::8888", parse("[2001:4860:4860::8888]:25").name());
  }

  @Test
  void ipv6InAUrlWithPort() throws Exception {
    Target t = parse("http://[2001:4860:4860::8888]:8080/x");
    assertEquals(Target.Kind.IP, t.kind());
    assertEquals(parse("2001:4860:4860::8888").ip(), t.ip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.5", "198.51.100.7", "203.0.113.5", "10.1.2.3", "172.16.0.1", "192.168.1.1",
      "127.0.0.1", "169.254.1.1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "2001:db8::25", "::1", "fd00::1", "fe80::1",
      "::ffff:127.0.0.1", "::ffff:192.168.0.1", "fec0::1", "64:ff9b::10.0.0.1", "64:ff9b:1::a00:1",
      "192.0.0.8", "100::1", "2001:10::1", "2002:a00:1::"})
  void specialRangesAreRefusedUnlessAllowed(String ip) throws Exception {
    String m = refusal(strict, ip);
    assertTrue(m.contains("public IP"), m);
    Target t = lenient.parse(ip);
    assertEquals(Target.Kind.IP, t.kind());
  }

  @Test
  void documentationAddressIsNamedAsSuch() {
    assertTrue(refusal(strict, "203.0.113.5").contains("documentation"));
    assertTrue(refusal(strict, "10.0.0.1").contains("private"));
    assertTrue(refusal(strict, "127.0.0.1").contains("loopback"));
  }

  @Test
  void parseIpTakesOneAddress() throws Exception {
    assertEquals("8.8.8.8", strict.parseIp("8.8.8.8").getHostAddress());
    assertEquals("8.8.8.8", strict.parseIp(" [8.8.8.8] ").getHostAddress());
    BadTargetException e = assertThrows(BadTargetException.class, () -> strict.parseIp("example.com"));
    assertTrue(e.getMessage().contains("not an IP address"), e.getMessage());
    assertThrows(BadTargetException.class, () -> strict.parseIp("192.0.2.1"));
    assertEquals("192.0.2.1", lenient.parseIp("192.0.2.1").getHostAddress());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "localhost", "com", "example..com", ".example.com", "example.com..",
      "*.example.com", "ex*ample.com", "192.0.2.0/24", "8.8.8.0/33", "999.1.1.1", "1.2.3", "1.2.3.4.5",
      "user@", "-bad.example.com", "bad-.example.com", "exa mple.com", "example.123", "http://", "<mailto:|x>",
      "2001:db8::zz", "example.com:25:25"})
  void badInputGetsOneSentenceSayingWhatIsAccepted(String input) {
    String m = refusal(strict, input);
    assertTrue(m.contains("example.com") || m.contains("address") || m.contains("domain"), m);
  }

  @Test
  void idnDeviationCharactersKeepTheirOwnDomainByIdna2008() throws Exception {
    // IDNA2003 would check fass.de for faß.de: a different domain. IDNA2008 (RFC 5891) keeps ß.
    Target t = strict.parse("Faß.de");
    assertEquals("xn--fa-hia.de", t.name());
    assertEquals("faß.de", t.unicode());
    assertEquals("xn--nxasmm1c.gr", strict.parse("βόλος.gr").name(), "ς is kept too (UTS #46 §2.3 example)");
    assertEquals("xn--3e0b707e.kr", strict.parse("한국.kr").name(), "other IDNs as before");
    assertEquals("xn--fa-hia.de", TargetParser.aLabels("faß.de"));
    assertTrue(refusal(strict, "a\u200db.com").contains("xn--"));
    assertTrue(refusal(strict, "a\u200db.com").contains("\\u{200D}"), "the invisible joiner is shown");
  }

  @Test
  void badPunycodeMoreThanOneAtAndSchemeLessUrls() throws Exception {
    assertTrue(refusal(strict, "xn--zz.kr").contains("punycode"));
    assertTrue(refusal(strict, "a@b@example.com").contains("more than one @"));
    assertEquals("example.com", strict.parse("example.com/contact?x=1").name());
    assertTrue(refusal(strict, "0.0.0.0").contains("an unspecified address"));
  }

  @Test
  void overLongLabelAndName() {
    String label = "a".repeat(64);
    String m = refusal(strict, label + ".example.com");
    assertTrue(m.contains("longer than 63 characters"), m);
    String longName = ("a".repeat(60) + ".").repeat(5) + "com";
    assertTrue(refusal(strict, longName).contains("253"));
    assertTrue(refusal(strict, "x".repeat(600)).contains("too long"));
  }

  @Test
  void wildcardAndRangeSentencesSayWhatToDoInstead() {
    assertTrue(refusal(strict, "*.example.com").contains("wildcard"));
    String range = refusal(strict, "192.0.2.0/24");
    assertEquals("'192.0.2.0/24' is an address range; check one address at a time, e.g. 192.0.2.0.", range);
    assertTrue(refusal(strict, "").startsWith("Nothing to check"));
  }

  @Test
  void sixtyThreeCharacterLabelIsFine() throws Exception {
    assertEquals(("a".repeat(63) + ".example.com"), parse("a".repeat(63) + ".example.com").name());
  }
}
