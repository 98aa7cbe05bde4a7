package dev.mailcheck.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A UDP client for many questions to one resolver (a range scan): a few sockets kept open, answers
 * matched to questions by message ID and question (RFC 5452 §4.3 checks: ID, name, type, source),
 * instead of a new socket per question. A truncated answer, and anything a question needs beyond
 * UDP, goes to the engine's {@link ResolverDnsClient}. Timeouts are outcomes, never exceptions.
 */
public final class PooledUdpDnsClient implements DnsClient, AutoCloseable {
  private static final int SOCKETS = 4;

  private record Pending(Name name, int type, long start, int attempt, CompletableFuture<DnsAnswer> result, ScheduledFuture<?>[] timer) {}

  private final InetSocketAddress server;
  private final Duration timeout;
  private final int attempts;
  private final ResolverDnsClient fallback;
  private final QueryTrace trace;
  private final DatagramChannel[] channels = new DatagramChannel[SOCKETS];
  private final ConcurrentHashMap<Integer, Pending>[] pending;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dns-pool-timer");
    t.setDaemon(true);
    return t;
  });
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  public PooledUdpDnsClient(InetSocketAddress server, Duration timeout, int attempts, QueryTrace trace) throws IOException {
    this.server = server;
    this.timeout = timeout;
    this.attempts = Math.max(1, attempts);
    this.trace = trace;
    this.fallback = new ResolverDnsClient(List.of(server), timeout, attempts, trace);
    this.pending = new ConcurrentHashMap[SOCKETS];
    for (int i = 0; i < SOCKETS; i++) {
      DatagramChannel c = DatagramChannel.open();
      c.bind(null);
      c.connect(server);
      channels[i] = c;
      pending[i] = new ConcurrentHashMap<>();
      int socket = i;
      Thread.ofPlatform().daemon().name("dns-pool-" + i).start(() -> receive(socket));
    }
  }

  @Override
  public CompletableFuture<DnsAnswer> query(Name name, int type) {
    CompletableFuture<DnsAnswer> result = new CompletableFuture<>();
    send(name, type, System.nanoTime(), 0, result);
    return result;
  }

  private void send(Name name, int type, long start, int attempt, CompletableFuture<DnsAnswer> result) {
    int socket = Math.floorMod(next.getAndIncrement(), SOCKETS);
    ConcurrentHashMap<Integer, Pending> map = pending[socket];
    int id;
    Pending p = new Pending(name, type, start, attempt, result, new ScheduledFuture<?>[1]);
    do {
      id = random.nextInt(0x10000);
    } while (map.putIfAbsent(id, p) != null);
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().setID(id);
    int sent = id;
    p.timer()[0] = timers.schedule(() -> expire(socket, sent), timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      channels[socket].write(ByteBuffer.wrap(q.toWire()));
    } catch (IOException e) {
      if (map.remove(sent, p)) {
        p.timer()[0].cancel(false);
        finish(p, DnsAnswer.failed(name, type, DnsOutcome.ERROR, elapsed(start), Addresses.text(server)));
      }
    }
  }

  private void expire(int socket, int id) {
    Pending p = pending[socket].remove(id);
    if (p == null) {
      return;
    }
    if (p.attempt() + 1 < attempts) {
      send(p.name(), p.type(), p.start(), p.attempt() + 1, p.result());
    } else {
      finish(p, DnsAnswer.failed(p.name(), p.type(), DnsOutcome.TIMEOUT, elapsed(p.start()), Addresses.text(server)));
    }
  }

  private void receive(int socket) {
    ByteBuffer buf = ByteBuffer.allocate(65535);
    while (!closed) {
      buf.clear();
      try {
        channels[socket].read(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        continue;
      }
      buf.flip();
      byte[] wire = new byte[buf.remaining()];
      buf.get(wire);
      Message m;
      try {
        m = new Message(wire);
      } catch (IOException e) {
        continue;
      }
      Pending p = pending[socket].get(m.getHeader().getID());
      Record question = m.getQuestion();
      // An answer to another question (or a forged one) is ignored; the real one may still come.
      if (p == null || question == null || !question.getName().equals(p.name()) || question.getType() != p.type()
          || !pending[socket].remove(m.getHeader().getID(), p)) {
        continue;
      }
      p.timer()[0].cancel(false);
      if (m.getHeader().getFlag(Flags.TC)) {
        fallback.query(p.name(), p.type()).thenAccept(p.result()::complete);
        continue;
      }
      finish(p, ResolverDnsClient.toAnswer(p.name(), p.type(), m, elapsed(p.start()), Addresses.text(server), false));
    }
  }

  private void finish(Pending p, DnsAnswer a) {
    trace.add(a, p.attempt() + 1);
    p.result().complete(a);
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    for (DatagramChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

}
