package dev.mailcheck.dnsbl;

import java.util.Locale;

/** What a list holds (RFC 5782 §2.1 IPv4, §2.4 IPv6, §3 domain names). */
public enum ListKind {
  IPV4, IPV6, DOMAIN;

  public static ListKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
