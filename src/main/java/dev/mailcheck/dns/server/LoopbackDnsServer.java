package dev.mailcheck.dns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on 127.0.0.1 answering from a {@link DnsWorld}, over UDP and TCP on the same
 * ephemeral (or given) port. UDP answers larger than the client's EDNS payload (512 without EDNS,
 * RFC 6891 §6.2.3) are truncated with TC set, as a real server does.
 */
public final class LoopbackDnsServer implements AutoCloseable {
  private final DnsWorld world;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-srv-", 0).factory());
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dns-srv-delay");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile boolean closed;

  private LoopbackDnsServer(DnsWorld world, DatagramSocket udp, ServerSocket tcp) {
    this.world = world;
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Starts a server on an ephemeral loopback port. */
  public static LoopbackDnsServer start(DnsWorld world) throws IOException {
    return start(world, 0);
  }

  /** Starts a server on the given loopback port (0: any free port, the same for UDP and TCP). */
  public static LoopbackDnsServer start(DnsWorld world, int port) throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    IOException last = null;
    for (int tries = 0; tries < 20; tries++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port));
      try {
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(lo, udp.getLocalPort()), 128);
        LoopbackDnsServer server = new LoopbackDnsServer(world, udp, tcp);
        server.startThreads();
        return server;
      } catch (IOException e) {
        udp.close();
        last = e;
        if (port != 0) {
          break;
        }
      }
    }
    throw last;
  }

  private void startThreads() {
    Thread.ofPlatform().daemon().name("dns-srv-udp").start(this::udpLoop);
    Thread.ofPlatform().daemon().name("dns-srv-tcp").start(this::tcpLoop);
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  public int port() {
    return udp.getLocalPort();
  }

  /** How many times a question for this name and type arrived (over either transport). */
  public int count(String name, int type) {
    AtomicInteger n = counts.get(key(name.endsWith(".") ? name : name + ".", type));
    return n == null ? 0 : n.get();
  }

  public int udpQueries() {
    return udpQueries.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      byte[] in = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      java.net.SocketAddress from = packet.getSocketAddress();
      udpQueries.incrementAndGet();
      if (!submit(() -> handleUdp(in, from))) {
        return;
      }
    }
  }

  private void handleUdp(byte[] in, java.net.SocketAddress from) {
    Message query;
    try {
      query = new Message(in);
    } catch (IOException e) {
      return;
    }
    Record q = query.getQuestion();
    if (q == null) {
      return;
    }
    countQuestion(q);
    Fault fault = world.faultFor(q.getName(), q.getType());
    if (fault == Fault.TIMEOUT) {
      return;
    }
    Message response = respond(query, fault);
    if (fault == Fault.TRUNCATE || fault == Fault.TRUNCATE_NO_TCP) {
      response = truncated(query, response);
    }
    OPTRecord opt = query.getOPT();
    int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
    byte[] out = response.toWire();
    if (out.length > max) {
      out = truncated(query, response).toWire();
    }
    byte[] wire = out;
    after(world.latencyFor(q.getName()), () -> {
      try {
        udp.send(new DatagramPacket(wire, wire.length, from));
      } catch (IOException ignored) {
        // The client went away; nothing to answer.
      }
    });
  }

  private void tcpLoop() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        if (!submit(() -> handleTcp(s))) {
          s.close();
          return;
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void handleTcp(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (!closed) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (IOException eof) {
          return;
        }
        byte[] buf = in.readNBytes(len);
        Message query = new Message(buf);
        Record q = query.getQuestion();
        if (q == null) {
          return;
        }
        tcpQueries.incrementAndGet();
        countQuestion(q);
        Fault fault = world.faultFor(q.getName(), q.getType());
        if (fault == Fault.TRUNCATE_NO_TCP) {
          return;
        }
        if (fault == Fault.TIMEOUT) {
          // Hold the connection open and silent until the client gives up.
          sleep(Duration.ofSeconds(30));
          return;
        }
        Message response = respond(query, fault);
        sleep(world.latencyFor(q.getName()));
        byte[] wire = response.toWire();
        synchronized (out) {
          out.writeShort(wire.length);
          out.write(wire);
          out.flush();
        }
      }
    } catch (SocketException e) {
      // Client closed the connection.
    } catch (IOException e) {
      // A malformed message: drop the connection, as servers do.
    }
  }

  private Message respond(Message query, Fault fault) {
    if (fault == Fault.SERVFAIL || fault == Fault.REFUSED) {
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setFlag(Flags.RA);
      m.getHeader().setRcode(fault == Fault.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
      m.addRecord(query.getQuestion(), Section.QUESTION);
      return m;
    }
    Message response = world.answer(query);
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return response;
  }

  private static Message truncated(Message query, Message full) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.getHeader().setFlag(Flags.RA);
    m.getHeader().setFlag(Flags.TC);
    m.getHeader().setRcode(full.getRcode());
    m.addRecord(query.getQuestion(), Section.QUESTION);
    return m;
  }

  private void countQuestion(Record q) {
    counts.computeIfAbsent(key(q.getName().toString(), q.getType()), k -> new AtomicInteger()).incrementAndGet();
  }

  private static String key(String name, int type) {
    return name.toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(type);
  }

  private void after(Duration delay, Runnable task) {
    if (delay.isZero()) {
      task.run();
      return;
    }
    try {
      delays.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // Closed while this answer waited for its latency: nobody is left to answer.
    }
  }

  /** Hands a question to a worker; false once the server is closed (a question can race close()). */
  private boolean submit(Runnable task) {
    try {
      workers.execute(task);
      return true;
    } catch (RejectedExecutionException closing) {
      return false;
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    workers.shutdownNow();
    delays.shutdownNow();
  }
}
