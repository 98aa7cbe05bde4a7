package dev.mailcheck.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailcheck.check.ProbeSettings;
import dev.mailcheck.http.HttpSettings;
import dev.mailcheck.owner.RdapSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The demo's RDAP server: the recorded answers of {@code demo/rdap.json} served over plain HTTP on
 * 127.0.0.1 ({@code GET /ip/<address>}, RFC 9082 §3.1.1), the network that contains the address or
 * 404 as a registry answers (RFC 9083 §6). Lets {@code mailcheck demo} show who holds its sending IPs
 * and their PTR routes offline.
 */
public final class DemoRdapServer implements AutoCloseable {
  private record Network(BigInteger start, BigInteger end, int length, String json) {}

  private final HttpServer server;
  private final List<Network> networks;

  private DemoRdapServer(HttpServer server, List<Network> networks) {
    this.server = server;
    this.networks = networks;
  }

  /** Starts serving the recorded answers on a free port of 127.0.0.1. */
  public static DemoRdapServer start() throws IOException {
    List<Network> networks = load();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    DemoRdapServer demo = new DemoRdapServer(server, networks);
    server.createContext("/", demo::answer);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return demo;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL of the server, as {@code MAILCHECK_RDAP_URL} takes it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** Probes that send RDAP here (plain HTTP on loopback, so special-use addresses are allowed). */
  public ProbeSettings probes() {
    return new ProbeSettings(new HttpSettings(true, Optional.empty(), OptionalInt.empty()), RdapSettings.at(baseUrl()));
  }

  /**
   * Asks the server once through the guarded HTTP client, so that the first demo run's deadline is
   * not spent loading the HTTP stack's classes (about a second on a busy machine).
   */
  public void warmUp() {
    dev.mailcheck.dns.DnsClient noNames = (name, type) -> java.util.concurrent.CompletableFuture.failedFuture(
        new IllegalStateException("the demo's RDAP URL is an address"));
    try {
      new dev.mailcheck.http.OkHttpFetcher(noNames, probes().http()).fetch(dev.mailcheck.http.HttpGet.of(baseUrl() + "ip/0.0.0.0"));
    } catch (dev.mailcheck.http.HttpFetchException e) {
      throw new IllegalStateException("the demo's RDAP server on " + baseUrl() + " does not answer: " + e.getMessage(), e);
    }
  }

  private void answer(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      Network hit = null;
      if ("GET".equals(x.getRequestMethod()) && path.startsWith("/ip/")) {
        hit = find(path.substring(4));
      }
      byte[] body = (hit != null ? hit.json() : "{\"errorCode\":404,\"title\":\"Not Found\"}").getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/rdap+json");
      x.sendResponseHeaders(hit != null ? 200 : 404, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Network find(String text) {
    // Only literals: the path is an address, never a name to look up.
    if (!(text.contains(":") || text.matches("[0-9.]+"))) {
      return null;
    }
    BigInteger a;
    int length;
    try {
      byte[] raw = InetAddress.getByName(text).getAddress();
      a = new BigInteger(1, raw);
      length = raw.length;
    } catch (UnknownHostException e) {
      return null;
    }
    for (Network n : networks) {
      if (n.length() == length && a.compareTo(n.start()) >= 0 && a.compareTo(n.end()) <= 0) {
        return n;
      }
    }
    return null;
  }

  private static List<Network> load() {
    try (InputStream in = DemoRdapServer.class.getResourceAsStream("/dev/mailcheck/demo/rdap.json")) {
      if (in == null) {
        throw new IllegalStateException("missing demo resource rdap.json");
      }
      ObjectMapper m = new ObjectMapper();
      List<Network> out = new ArrayList<>();
      for (JsonNode n : m.readTree(in).path("networks")) {
        byte[] start = InetAddress.getByName(n.path("startAddress").asText()).getAddress();
        byte[] end = InetAddress.getByName(n.path("endAddress").asText()).getAddress();
        out.add(new Network(new BigInteger(1, start), new BigInteger(1, end), start.length, m.writeValueAsString(n)));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
