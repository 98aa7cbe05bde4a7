package dev.mailcheck.http;

import dev.mailcheck.dns.DnsClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * {@link HttpFetcher} on OkHttp. Names are resolved by the run's {@link DnsClient} and every
 * address, resolved or literal, passes {@link AddressGuard} (SSRF); redirects are followed by this
 * class, hop by hop under the same guard and deadline, and only as far as the request allows; the
 * body is read up to the request's limit. No proxy is used: a proxy would resolve names itself and
 * so bypass the guard.
 */
public final class OkHttpFetcher implements HttpFetcher {
  /** One connection pool and dispatcher for the process; each fetcher derives its own client from it. */
  private static final OkHttpClient BASE = new OkHttpClient.Builder()
      .followRedirects(false)
      .followSslRedirects(false)
      .proxy(Proxy.NO_PROXY)
      .build();

  private final OkHttpClient client;
  private final DnsClient dns;
  private final AddressGuard guard;
  private final HttpSettings settings;

  public OkHttpFetcher(DnsClient dns, HttpSettings settings) {
    this.dns = dns;
    this.settings = settings;
    this.guard = new AddressGuard(settings.allowPrivate());
    OkHttpClient.Builder b = BASE.newBuilder().socketFactory(new GuardedSocketFactory(guard));
    settings.trustStore().ifPresent(pem -> {
      X509TrustManager trust = TrustStores.with(pem);
      b.sslSocketFactory(tls(trust).getSocketFactory(), trust);
    });
    this.client = b.build();
  }

  @Override
  public HttpResult fetch(HttpGet request) throws HttpFetchException {
    return call(request, false);
  }

  @Override
  public HttpResult head(HttpGet request) throws HttpFetchException {
    return call(request, true);
  }

  private HttpResult call(HttpGet request, boolean head) throws HttpFetchException {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    URI url = request.url();
    List<URI> redirectedFrom = new ArrayList<>();
    while (true) {
      HttpUrl target = wireUrl(url);
      refuseLiteral(target.host());
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        throw timeout(request);
      }
      // Per hop: the name lookup is bounded by what is left of the call's time too.
      OkHttpClient hop = client.newBuilder().dns(new GuardedDns(dns, guard, left)).callTimeout(left).build();
      Request.Builder r = new Request.Builder().url(target);
      if (head) {
        r.head();
      } else {
        r.get();
      }
      request.headers().forEach(r::header);
      try (Response response = hop.newCall(r.build()).execute()) {
        if (response.isRedirect() && request.maxRedirects() > 0) {
          if (redirectedFrom.size() >= request.maxRedirects()) {
            throw new HttpFetchException(HttpFetchException.Kind.REDIRECT, request.url() + " redirects more than "
                + request.maxRedirects() + " times.", null);
          }
          redirectedFrom.add(url);
          url = next(url, response.header("Location"));
          continue;
        }
        // A HEAD answer has no body, whatever length its headers announce.
        byte[] body = head ? new byte[0] : read(response.body(), request, url);
        return new HttpResult(url, response.code(), headers(response), body, redirectedFrom);
      } catch (HttpFetchException e) {
        throw e;
      } catch (IOException e) {
        throw classify(e, url, request, deadline);
      }
    }
  }

  /** The URL as connected to: an https URL on the default port goes to MAILCHECK_HTTPS_PORT when set. */
  private HttpUrl wireUrl(URI url) throws HttpFetchException {
    HttpUrl parsed = HttpUrl.get(url.toString());
    if (parsed.isHttps() && url.getPort() == -1 && settings.httpsPort().isPresent()) {
      parsed = parsed.newBuilder().port(settings.httpsPort().getAsInt()).build();
    }
    return parsed;
  }

  /** OkHttp connects to an IP literal without asking {@link okhttp3.Dns}: check it here first. */
  private void refuseLiteral(String host) throws HttpFetchException {
    if (!okhttpCanParseAsIp(host)) {
      return;
    }
    try {
      guard.check(host, InetAddress.getByName(host));
    } catch (BlockedAddressException e) {
      throw new HttpFetchException(HttpFetchException.Kind.BLOCKED_ADDRESS, e.getMessage(), e);
    } catch (UnknownHostException impossible) {
      throw new HttpFetchException(HttpFetchException.Kind.NO_ADDRESS, "'" + host + "' is not an address.", impossible);
    }
  }

  private static boolean okhttpCanParseAsIp(String host) {
    // HttpUrl keeps IPv6 literals without brackets and IPv4 literals as dotted quads.
    return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  private static URI next(URI from, String location) throws HttpFetchException {
    if (location == null || location.isBlank()) {
      throw new HttpFetchException(HttpFetchException.Kind.REDIRECT, from + " redirects without a Location.", null);
    }
    URI to;
    try {
      to = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new HttpFetchException(HttpFetchException.Kind.REDIRECT, from + " redirects to '" + location + "', which is not a URL.", e);
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new HttpFetchException(HttpFetchException.Kind.REDIRECT, from + " redirects to '" + location + "', which is not http or https.", null);
    }
    return to;
  }

  private static byte[] read(ResponseBody body, HttpGet request, URI url) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    long max = request.maxBytes();
    if (body.contentLength() > max) {
      throw tooLarge(url, max);
    }
    BufferedSource source = body.source();
    // request(n) reads until n bytes are buffered or the body ends: one byte over the limit is enough to know.
    if (source.request(max + 1)) {
      throw tooLarge(url, max);
    }
    return source.readByteArray();
  }

  private static HttpFetchException tooLarge(URI url, long max) {
    return new HttpFetchException(HttpFetchException.Kind.TOO_LARGE,
        "the response from " + url + " is larger than " + max + " bytes; mailcheck reads no more than that.", null);
  }

  private static Map<String, List<String>> headers(Response response) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      out.put(name.toLowerCase(Locale.ROOT), response.headers(name));
    }
    return out;
  }

  private static HttpFetchException classify(IOException e, URI url, HttpGet request, long deadline) {
    String host = url.getHost();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException b) {
        return new HttpFetchException(HttpFetchException.Kind.BLOCKED_ADDRESS, b.getMessage(), e);
      }
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof BlockedAddressException b) {
          return new HttpFetchException(HttpFetchException.Kind.BLOCKED_ADDRESS, b.getMessage(), e);
        }
      }
    }
    if (e instanceof InterruptedIOException || System.nanoTime() - deadline >= 0) {
      return timeout(request);
    }
    if (e instanceof UnknownHostException) {
      return new HttpFetchException(HttpFetchException.Kind.NO_ADDRESS, e.getMessage(), e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new HttpFetchException(HttpFetchException.Kind.TLS, "the HTTPS certificate of " + host
            + " is not trusted or does not name it (" + t.getMessage() + ").", e);
      }
    }
    String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new HttpFetchException(HttpFetchException.Kind.CONNECT, "could not fetch " + url + ": " + why + ".", e);
  }

  private static HttpFetchException timeout(HttpGet request) {
    return new HttpFetchException(HttpFetchException.Kind.TIMEOUT, "no complete answer from " + request.url()
        + " within " + request.timeout().toMillis() + " ms.", null);
  }

  private static SSLContext tls(X509TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }
}
