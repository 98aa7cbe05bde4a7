package dev.mailcheck.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7489 §3.2 with the Public Suffix List (Guava's copy) and its default rule. */
class OrganizationalDomainTest {

  @ParameterizedTest
  @CsvSource({
      "example.com, example.com",
      "mail.example.com, example.com",
      "a.b.c.example.com, example.com",
      "Mail.Example.COM., example.com",
      // Two-level public suffixes: the organization is one label below, never co.kr itself.
      "example.co.kr, example.co.kr",
      "www.example.co.kr, example.co.kr",
      "mail.shop.example.co.uk, example.co.uk",
      // A name that is itself a public suffix stays as it is.
      "co.kr, co.kr",
      // The list's default rule *: an unknown TLD is a public suffix of one label.
      "good.example, good.example",
      "mail.good.example, good.example",
      "a.b.corp.unknowntld, corp.unknowntld",
      // IDN TLDs in A-label form (.한국).
      "mail.example.xn--3e0b707e, example.xn--3e0b707e",
      "localhost, localhost"
  })
  void organizationalDomain(String domain, String org) {
    assertEquals(org, OrganizationalDomain.of(domain));
  }
}
