package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Particles follow the last sound of the word as a Korean reader says it. */
class KoreanParticlesTest {
  @Test
  void hangul() {
    assertEquals("네이버가", KoreanParticles.attach("네이버", "이"));
    assertEquals("수신 서버가", KoreanParticles.attach("수신 서버", "가"));
    assertEquals("iCloud 메일이", KoreanParticles.attach("iCloud 메일", "가"));
    assertEquals("메일로", KoreanParticles.attach("메일", "으로"));
    assertEquals("도메인으로", KoreanParticles.attach("도메인", "로"));
  }

  @Test
  void addressesAreReadDigitByDigit() {
    assertEquals("203.0.113.5를", KoreanParticles.attach("203.0.113.5", "을")); // 오
    assertEquals("192.0.2.140을", KoreanParticles.attach("192.0.2.140", "를")); // 영
    assertEquals("198.51.100.44를", KoreanParticles.attach("198.51.100.44", "을")); // 사
    assertEquals("203.0.113.77로", KoreanParticles.attach("203.0.113.77", "으로")); // 칠
    assertEquals("2001:db8::25를", KoreanParticles.attach("2001:db8::25", "을"));
    assertEquals("2001:db8::c9를", KoreanParticles.attach("2001:db8::c9", "을"));
  }

  @Test
  void latinNames() {
    assertEquals("Gmail이", KoreanParticles.attach("Gmail", "가"));
    assertEquals("Yahoo가", KoreanParticles.attach("Yahoo", "이"));
    assertEquals("다음(Daum)이", KoreanParticles.attach("다음(Daum)", "가"));
    assertEquals("Outlook.com이", KoreanParticles.attach("Outlook.com", "가"));
    assertEquals("example.net을", KoreanParticles.attach("example.net", "를"));
    assertEquals("example.org를", KoreanParticles.attach("example.org", "을"));
    assertEquals("Microsoft 365가", KoreanParticles.attach("Microsoft 365", "이"));
    assertEquals("Comcast가", KoreanParticles.attach("Comcast", "이"));
    assertEquals("PBL은", KoreanParticles.attach("PBL", "는"));
  }
}
