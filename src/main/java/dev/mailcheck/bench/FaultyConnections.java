package dev.mailcheck.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 relay on 127.0.0.1 in front of {@link LoopbackSlack} that breaks calls the way a
 * network and a struggling Slack do: it drops the connection after reading a request (before
 * passing it on, or after Slack acted on it), answers 500 or 503, stalls past the client's
 * timeout, or resets the connection. Faults are chosen at random with a seed, for a share of all
 * calls, or queued for the next calls that match; every call otherwise passes through unchanged,
 * keep-alive included. What it did is counted, so a test can say which faults it survived.
 */
public final class FaultyConnections implements AutoCloseable {
  /** What can go wrong with one call. "Before" faults never reach Slack; "after" faults do. */
  public enum Fault {
    /** The connection closes once the request was read; Slack never sees it. */
    DROP_BEFORE(false),
    /** Slack acts on the request; then the connection closes without the answer. */
    DROP_AFTER(true),
    /** HTTP 503 without passing the request on (Slack shedding load). */
    UNAVAILABLE_BEFORE(false),
    /** Slack acts on the request, and the answer is HTTP 500 instead of Slack's. */
    ERROR_AFTER(true),
    /** Nothing comes back until the client gives up; Slack never sees the request. */
    STALL_BEFORE(false),
    /** Slack acts on the request; its answer is held until the client gives up. */
    STALL_AFTER(true),
    /** A TCP reset once the request was read; Slack never sees it. */
    RESET_BEFORE(false),
    /** Slack acts on the request; then a TCP reset instead of the answer. */
    RESET_AFTER(true);

    private final boolean reachesSlack;

    Fault(boolean reachesSlack) {
      this.reachesSlack = reachesSlack;
    }

    public boolean reachesSlack() {
      return reachesSlack;
    }
  }

  /** A request as read: HTTP method, path and body (a form or JSON); {@link #apiMethod} names the Web API method. */
  public record Request(String method, String path, String body) {
    public String apiMethod() {
      return path.startsWith("/api/") ? path.substring("/api/".length()).split("\\?")[0] : "response_url";
    }

    /** A form field of the body, decoded, or null. */
    public String param(String name) {
      return LoopbackSlack.form(body).get(name);
    }
  }

  private record Queued(Fault fault, Predicate<Request> when) {}

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicInteger passed = new AtomicInteger();
  private final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Random random;
  private volatile double rate;
  private volatile List<Fault> randomFaults = List.of(Fault.values());
  private volatile Predicate<Request> randomWhen = r -> true;
  private volatile Duration stall = Duration.ofSeconds(3);

  /** Relays to the server of {@code slackApiUrl} (the fake's {@link LoopbackSlack#apiUrl()}). */
  public FaultyConnections(String slackApiUrl) throws IOException {
    java.net.URI u = java.net.URI.create(slackApiUrl);
    this.upstream = new InetSocketAddress(u.getHost(), u.getPort());
    this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    executor.execute(this::acceptLoop);
  }

  /** The same URL ({@code apiUrl}, a response URL) with this relay's address in place of the fake's. */
  public String via(String url) {
    return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
  }

  /**
   * From now on, a random {@code share} (0 to 1) of the matching calls gets one of {@code faults},
   * chosen by a generator seeded with {@code seed}.
   */
  public FaultyConnections random(double share, long seed, List<Fault> faults, Predicate<Request> when) {
    this.randomFaults = List.copyOf(faults);
    this.randomWhen = when;
    this.random = new Random(seed);
    this.rate = share;
    return this;
  }

  /** The next call matching {@code when} gets {@code fault} (queued faults go first, in order). */
  public FaultyConnections next(Fault fault, Predicate<Request> when) {
    queued.add(new Queued(fault, when));
    return this;
  }

  /** How long a stall holds the connection before it is closed (longer than the client's timeout). */
  public FaultyConnections stall(Duration d) {
    this.stall = d;
    return this;
  }

  public int injected(Fault f) {
    return injected.get(f).get();
  }

  public int injectedTotal() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Calls passed through unharmed. */
  public int passed() {
    return passed.get();
  }

  private Fault choose(Request r) {
    for (Queued q : queued) {
      if (q.when().test(r) && queued.remove(q)) {
        return q.fault();
      }
    }
    Random g = random;
    if (g == null || !randomWhen.test(r)) {
      return null;
    }
    synchronized (g) {
      return g.nextDouble() < rate ? randomFaults.get(g.nextInt(randomFaults.size())) : null;
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        executor.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** One client connection: requests one after another until it closes or a fault ends it. */
  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        Message request = Message.read(in, true);
        if (request == null) {
          return;
        }
        String[] line = request.startLine().split(" ");
        Request r = new Request(line[0], line.length > 1 ? line[1] : "/", new String(request.body(), StandardCharsets.UTF_8));
        Fault fault = choose(r);
        if (fault == null) {
          passed.incrementAndGet();
          out.write(forward(request).bytes(false));
          out.flush();
          continue;
        }
        injected.get(fault).incrementAndGet();
        Message answer = fault.reachesSlack() ? forward(request) : null;
        switch (fault) {
          case DROP_BEFORE, DROP_AFTER -> {
            return;
          }
          case UNAVAILABLE_BEFORE -> {
            out.write(Message.status(503, "{\"ok\":false,\"error\":\"service_unavailable\"}").bytes(false));
            out.flush();
          }
          case ERROR_AFTER -> {
            out.write(Message.status(500, "{\"ok\":false,\"error\":\"internal_error\"}").bytes(false));
            out.flush();
          }
          case STALL_BEFORE, STALL_AFTER -> {
            hold(client, in);
            return;
          }
          case RESET_BEFORE, RESET_AFTER -> {
            client.setSoLinger(true, 0);
            return;
          }
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to relay to.
    } finally {
      open.remove(client);
    }
  }

  /** Holds the connection for the stall time, or until the client closes it. */
  private void hold(Socket client, InputStream in) {
    long end = System.nanoTime() + stall.toNanos();
    try {
      for (long left = stall.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
        client.setSoTimeout((int) Math.max(1, Math.min(100, left)));
        try {
          if (in.read() < 0) {
            return;
          }
        } catch (java.net.SocketTimeoutException e) {
          // Still open, still stalling.
        }
      }
    } catch (IOException e) {
      // Closed by the client.
    }
  }

  /** Passes the request to the fake on a connection of its own and returns the fake's answer. */
  private Message forward(Message request) throws IOException {
    try (Socket s = new Socket(upstream.getAddress(), upstream.getPort())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(request.bytes(true));
      out.flush();
      Message answer = Message.read(s.getInputStream(), false);
      if (answer == null) {
        throw new IOException("the fake Slack closed without an answer");
      }
      return answer;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
    executor.shutdownNow();
  }

  /** An HTTP/1.1 message with a Content-Length body (what OkHttp sends and the JDK's server answers). */
  private record Message(String startLine, List<String[]> headers, byte[] body) {
    static Message status(int code, String json) {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      List<String[]> h = new ArrayList<>();
      h.add(new String[] {"Content-Type", "application/json; charset=utf-8"});
      h.add(new String[] {"Content-Length", String.valueOf(b.length)});
      return new Message("HTTP/1.1 " + code + (code == 503 ? " Service Unavailable" : " Internal Server Error"), h, b);
    }

    /** Reads one message; null when the stream ends before it starts. */
    static Message read(InputStream in, boolean request) throws IOException {
      String start = line(in);
      if (start == null) {
        return null;
      }
      List<String[]> headers = new ArrayList<>();
      long length = 0;
      boolean chunked = false;
      for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = l.substring(0, colon).strip();
        String value = l.substring(colon + 1).strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (lower.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
          chunked = true;
        }
        headers.add(new String[] {name, value});
      }
      byte[] body;
      if (chunked) {
        body = dechunk(in);
        headers.removeIf(h -> h[0].equalsIgnoreCase("transfer-encoding"));
        headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
      } else {
        body = in.readNBytes((int) length);
      }
      return new Message(start, headers, body);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (String size = line(in); size != null; size = line(in)) {
        int n = Integer.parseInt(size.split(";")[0].strip(), 16);
        if (n == 0) {
          for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
            // Trailers: none expected.
          }
          break;
        }
        b.write(in.readNBytes(n));
        line(in);
      }
      return b.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          String s = b.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The message's bytes; {@code close} asks the other side to close after it (one call per upstream connection). */
    byte[] bytes(boolean close) {
      StringBuilder sb = new StringBuilder(startLine).append("\r\n");
      for (String[] h : headers) {
        if (!h[0].equalsIgnoreCase("connection")) {
          sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
      }
      if (close) {
        sb.append("Connection: close\r\n");
      }
      sb.append("\r\n");
      byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] out = new byte[head.length + body.length];
      System.arraycopy(head, 0, out, 0, head.length);
      System.arraycopy(body, 0, out, head.length, body.length);
      return out;
    }
  }
}
