package dev.mailcheck.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tag-list grammar of RFC 6376 §3.2, which DKIM key records and DMARC records share. */
class TagListTest {

  private static String error(String text, boolean ci) {
    return assertThrows(TagSyntaxException.class, () -> TagList.parse(text, ci)).key();
  }

  @Test
  void tagsInOrderWithValues() throws Exception {
    TagList t = TagList.parse("v=DKIM1; k=rsa; p=ABC", false);
    assertEquals(List.of(new TagList.Tag("v", "DKIM1"), new TagList.Tag("k", "rsa"), new TagList.Tag("p", "ABC")), t.tags());
    assertEquals("v", t.first().name());
    assertEquals("rsa", t.get("k"));
    assertNull(t.get("h"));
  }

  @Test
  void whiteSpaceAroundNamesEqualsAndValuesIsFolded() throws Exception {
    TagList t = TagList.parse(" v = DKIM1 ;\tk\t=\trsa\r\n ; p = A B\r\n C ", false);
    assertEquals("DKIM1", t.get("v"));
    assertEquals("rsa", t.get("k"));
    // Inner white space of a value is kept (tag-value = tval *(1*(WSP / FWS) tval)).
    assertEquals("A B\r\n C", t.get("p"));
  }

  @Test
  void aTrailingSemicolonIsAllowed() throws Exception {
    assertEquals(2, TagList.parse("a=1; b=2;", false).tags().size());
    assertEquals(2, TagList.parse("a=1; b=2 ; ", false).tags().size());
  }

  @Test
  void anEmptyValueIsAValue() throws Exception {
    TagList t = TagList.parse("v=DKIM1; p=", false);
    assertTrue(t.has("p"));
    assertEquals("", t.get("p"));
  }

  @Test
  void valuesMayHoldEveryValcharButSemicolon() throws Exception {
    assertEquals("mailto:a@b.example,mailto:c@d.example!10m", TagList.parse("rua=mailto:a@b.example,mailto:c@d.example!10m", true).get("rua"));
    assertEquals("!\"#$%&'()*+,-./:<=>?@[\\]^_`{|}~", TagList.parse("n=!\"#$%&'()*+,-./:<=>?@[\\]^_`{|}~", false).get("n"));
  }

  @Test
  void namesAreCaseSensitiveForDkimAndNotForDmarc() throws Exception {
    TagList dkim = TagList.parse("P=x; p=y", false);
    assertEquals("y", dkim.get("p"));
    assertEquals("x", dkim.get("P"));
    TagList dmarc = TagList.parse("v=DMARC1; P=reject", true);
    assertEquals("reject", dmarc.get("p"));
    assertEquals("tags.duplicate", error("v=DMARC1; p=none; P=reject", true));
  }

  @Test
  void anEmptyRecordIsAnError() {
    assertEquals("tags.empty", error("", false));
    assertEquals("tags.empty", error("   ", false));
  }

  @Test
  void anEmptyTagSpecIsAnError() {
    assertEquals("tags.empty-spec", error("a=1;; b=2", false));
    assertEquals("tags.empty-spec", error("; a=1", false));
  }

  @Test
  void aTagWithoutEqualsIsAnError() {
    assertEquals("tags.no-equals", error("v=DKIM1; rsa", false));
  }

  @Test
  void aTagNameMustStartWithALetterAndHoldOnlyLettersDigitsAndUnderscores() throws Exception {
    assertEquals("tags.bad-name", error("1a=x", false));
    assertEquals("tags.bad-name", error("a-b=x", false));
    assertEquals("tags.bad-name", error("=x", false));
    assertEquals("tags.bad-name", error("a b=x", false));
    assertTrue(TagList.parse("a_1=x", false).has("a_1"));
  }

  @Test
  void aValueWithAControlOrNonAsciiCharacterIsAnError() {
    assertEquals("tags.bad-value-char", error("n=caf\u00e9", false));
    assertEquals("tags.bad-value-char", error("n=a\u0000b", false));
    TagSyntaxException e = assertThrows(TagSyntaxException.class, () -> TagList.parse("n=a\u0001b", false));
    assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
  }

  @Test
  void aTagNamedTwiceMakesTheWholeListInvalid() {
    TagSyntaxException e = assertThrows(TagSyntaxException.class, () -> TagList.parse("v=DKIM1; p=A; p=B", false));
    assertEquals("tags.duplicate", e.key());
    assertTrue(e.getMessage().contains("p"), e.getMessage());
    assertFalse(e.getMessage().contains("tags."), "worded, not a key: " + e.getMessage());
  }
}
