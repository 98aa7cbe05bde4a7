package dev.mailcheck.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on 127.0.0.1 for the tests and the demo: it greets, answers EHLO/HELO,
 * offers STARTTLS when given a TLS context, and records every command line it receives, so a test
 * can prove what a client sent. It accepts no mail: MAIL, RCPT and DATA get 502 (and are recorded).
 * A {@link Behaviour} makes it misbehave the ways real servers do: stall after the connection
 * (a tarpit), reset it, or refuse service with 554.
 */
public final class LoopbackSmtpServer implements AutoCloseable {

  /** How the server treats a connection. */
  public enum Behaviour {
    /** An ordinary server. */
    NORMAL,
    /** Accepts and says nothing, ever: a tarpit or a filtered middlebox. */
    STALL,
    /** Accepts and resets the connection at once. */
    RESET,
    /** Greets with 554: no SMTP service for this client (RFC 5321 §3.1). */
    REJECT,
    /** Sends its greeting one byte every 200 ms, forever: a tarpit that defeats a per-read timeout. */
    TRICKLE,
    /** Greets and answers EHLO with STARTTLS, then never answers the STARTTLS command. */
    STALL_STARTTLS
  }

  private final ServerSocket listener;
  private final String name;
  private final SSLContext tls;
  private final Behaviour behaviour;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private LoopbackSmtpServer(ServerSocket listener, String name, SSLContext tls, Behaviour behaviour) {
    this.listener = listener;
    this.name = name;
    this.tls = tls;
    this.behaviour = behaviour;
    this.acceptor = Thread.ofVirtual().name("smtp-server-" + listener.getLocalPort()).start(this::accept);
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param name the host name it gives in its greeting and its EHLO reply
   * @param tls the context STARTTLS uses (its key and certificate), or null to offer no STARTTLS
   */
  public static LoopbackSmtpServer start(String name, SSLContext tls, Behaviour behaviour) throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new LoopbackSmtpServer(s, name, tls, behaviour);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Every command line received, in order, over every connection (after STARTTLS too). */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread.ofVirtual().name("smtp-server-conn").start(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      switch (behaviour) {
        case STALL -> {
          // Hold the connection without a word until the client or close() ends it.
          while (s.getInputStream().read() >= 0) {
            // Reads whatever the client sends, answers nothing.
          }
          return;
        }
        case RESET -> {
          s.setSoLinger(true, 0);
          return;
        }
        case REJECT -> {
          write(s.getOutputStream(), "554 5.7.1 " + name + " no SMTP service for you");
          talk(s, s.getInputStream(), s.getOutputStream(), false);
          return;
        }
        case TRICKLE -> {
          OutputStream out = s.getOutputStream();
          while (!s.isClosed()) {
            out.write('2');
            out.flush();
            Thread.sleep(200);
          }
          return;
        }
        case STALL_STARTTLS -> {
          write(s.getOutputStream(), "220 " + name + " ESMTP");
          String line;
          while ((line = readLine(s.getInputStream())) != null) {
            received.add(line);
            if (line.toUpperCase(Locale.ROOT).startsWith("EHLO")) {
              write(s.getOutputStream(), "250-" + name + "\r\n250 STARTTLS");
            }
          }
          return;
        }
        case NORMAL -> {
          write(s.getOutputStream(), "220-" + name + " ESMTP mailcheck loopback server\r\n220 no mail is accepted here");
          talk(s, s.getInputStream(), s.getOutputStream(), tls != null);
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to clean up beyond the socket.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
    }
  }

  private void talk(Socket s, InputStream in, OutputStream out, boolean offerTls) throws IOException {
    String line;
    while ((line = readLine(in)) != null) {
      received.add(line);
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" -> write(out, "250-" + name + " greets you\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + (offerTls ? "250-STARTTLS\r\n" : "") + "250 8BITMIME");
        case "HELO" -> write(out, "250 " + name);
        case "NOOP", "RSET" -> write(out, "250 2.0.0 OK");
        case "QUIT" -> {
          write(out, "221 2.0.0 " + name + " closing");
          return;
        }
        case "STARTTLS" -> {
          if (!offerTls) {
            write(out, "502 5.5.1 STARTTLS not offered");
            continue;
          }
          write(out, "220 2.0.0 ready to start TLS");
          SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
          secure.setUseClientMode(false);
          try {
            secure.startHandshake();
          } catch (IOException e) {
            return; // a client that refuses our certificate ends here
          }
          talk(secure, secure.getInputStream(), secure.getOutputStream(), false);
          return;
        }
        default -> write(out, "502 5.5.2 " + verb + " is not accepted by this test server");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      if (b.length() < 1000) {
        b.append((char) c);
      }
    }
    return null;
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Already closed.
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
    acceptor.interrupt();
  }
}
