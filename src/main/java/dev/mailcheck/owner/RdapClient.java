package dev.mailcheck.owner;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.http.HttpFetchException;
import dev.mailcheck.http.HttpFetcher;
import dev.mailcheck.http.HttpGet;
import dev.mailcheck.http.HttpResult;
import dev.mailcheck.report.Text;
import dev.mailcheck.target.IpRanges;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Asks RDAP who holds an address: the base URL from {@link RdapSettings} or the bootstrap, the
 * question {@code <base>ip/<address>} (RFC 9082 §3.1.1) through the guarded HTTP client (SSRF
 * guard, size and time bounds), redirects followed as RFC 7480 §5.2 has servers send them (a
 * registry pointing at the one that holds the data), the answer read by {@link RdapParser} and
 * kept in the {@link RdapCache}. Blocking: call it on a virtual thread.
 */
public final class RdapClient {
  /** RFC 7480 §4.2: the media type of RDAP answers. */
  static final String ACCEPT = "application/rdap+json, application/json;q=0.8";

  /** Registries redirect once (ARIN to the RIR holding a transferred block); more is a loop. */
  static final int MAX_REDIRECTS = 3;

  /** An IP network answer is a few kilobytes; APNIC's largest are well under this. */
  static final long MAX_BYTES = 256 * 1024;

  private final HttpFetcher http;
  private final RdapSettings settings;
  private final RdapBootstrap bootstrap;
  private final RdapCache cache;

  public RdapClient(HttpFetcher http, RdapSettings settings, RdapBootstrap bootstrap, RdapCache cache) {
    this.http = http;
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.cache = cache;
  }

  /** An answer and whether it came from the cache. */
  public record Answer(RdapNetwork network, boolean cached) {}

  /**
   * The network the address is in.
   *
   * @param timeout the whole question, redirects included
   * @throws RdapFailure when no answer names it: the reason says why, in words
   */
  public Answer lookup(InetAddress ip, Duration timeout) throws RdapFailure {
    var hit = cache.find(ip);
    if (hit.isPresent()) {
      return new Answer(hit.get(), true);
    }
    String address = Addresses.text(ip);
    URI base;
    if (settings.base().isPresent()) {
      base = settings.base().get();
    } else {
      String special = IpRanges.specialRange(ip);
      if (special != null) {
        throw new RdapFailure(Text.of("owner.reason.special", address, special), null, true);
      }
      base = bootstrap.serviceFor(ip).orElseThrow(() ->
          new RdapFailure(Text.of("owner.reason.no-service", address), null, true));
    }
    URI url = base.resolve("ip/" + address);
    HttpResult r;
    try {
      r = http.fetch(HttpGet.of(url.toString()).withHeader("Accept", ACCEPT).followingRedirects(MAX_REDIRECTS)
          .withMaxBytes(MAX_BYTES).withTimeout(timeout));
    } catch (HttpFetchException e) {
      throw new RdapFailure(reason(e, url, timeout), url, false);
    }
    if (r.status() == 404) {
      throw new RdapFailure(Text.of("owner.reason.not-found", r.url().toString()), r.url(), false);
    }
    if (r.status() != 200) {
      throw new RdapFailure(Text.of("owner.reason.status", r.url().toString(), r.status()), r.url(), false);
    }
    RdapNetwork n;
    try {
      n = RdapParser.parse(r.url(), r.text(), ip);
    } catch (RdapParser.NotRdapException e) {
      throw new RdapFailure(Text.of("owner.reason.invalid", r.url().toString(), e.getMessage()), r.url(), false);
    }
    cache.put(n);
    return new Answer(n, false);
  }

  private static Text reason(HttpFetchException e, URI url, Duration timeout) {
    String u = url.toString();
    return switch (e.kind()) {
      case TIMEOUT -> Text.of("owner.reason.timeout", u, timeout.toMillis());
      case BLOCKED_ADDRESS -> Text.of("owner.reason.blocked", u);
      case TLS -> Text.of("owner.reason.tls", u);
      case TOO_LARGE -> Text.of("owner.reason.too-large", u, MAX_BYTES);
      case REDIRECT -> Text.of("owner.reason.redirect", u, e.getMessage());
      case NO_ADDRESS, CONNECT -> Text.of("owner.reason.connect", u, e.getMessage());
    };
  }
}
