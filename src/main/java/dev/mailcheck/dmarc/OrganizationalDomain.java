package dev.mailcheck.dmarc;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * The Organizational Domain of RFC 7489 §3.2: the public suffix of a name plus one label. The
 * Public Suffix List comes with Guava ({@link InternetDomainName}), updated with its releases, and
 * includes the list's private section as OpenDMARC does. Guava leaves out the list's default rule
 * {@code *} (a name under no listed suffix); this class applies it, so {@code good.example} is its
 * own organizational domain and {@code mail.good.example} belongs to it.
 */
public final class OrganizationalDomain {
  private OrganizationalDomain() {}

  /**
   * The organizational domain of {@code domain} (A-labels, with or without the trailing dot), in
   * lower case without a trailing dot. A name that is itself a public suffix is returned as it is.
   */
  public static String of(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    InternetDomainName name;
    try {
      name = InternetDomainName.from(d);
    } catch (IllegalArgumentException e) {
      return defaultRule(d);
    }
    if (name.isUnderPublicSuffix()) {
      return name.topPrivateDomain().toString();
    }
    if (name.isPublicSuffix()) {
      return d;
    }
    return defaultRule(d);
  }

  /** The list's rule {@code *}: the last label is the public suffix, so the organizational domain is the last two. */
  private static String defaultRule(String d) {
    int last = d.lastIndexOf('.');
    if (last < 0) {
      return d;
    }
    int second = d.lastIndexOf('.', last - 1);
    return second < 0 ? d : d.substring(second + 1);
  }
}
