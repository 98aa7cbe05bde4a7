package dev.mailcheck.smtp;

import dev.mailcheck.dns.Addresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One SMTP conversation, client side: greeting, EHLO (HELO when EHLO is refused, RFC 5321
 * §4.1.4), STARTTLS and the handshake when offered (RFC 3207 §4), EHLO again over TLS (§4.2), QUIT.
 * The commands it can send are exactly those; MAIL, RCPT and DATA are not among them.
 *
 * <p>Every read is bounded by its step's timeout and by the conversation's end, and a watchdog
 * closes the socket at the end whatever it is blocked in, so a server that trickles bytes or
 * stalls in the TLS handshake cannot hold a run.
 */
final class Conversation {
  /** RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; longer lines are cut, not stored. */
  private static final int MAX_LINE = 1000;
  /** Lines of one reply kept at most: an endless multi-line reply is a protocol error. */
  private static final int MAX_LINES = 100;
  /** Transcript lines kept as evidence. */
  private static final int MAX_TRANSCRIPT = 60;

  private final SmtpEndpoint endpoint;
  private final SmtpSettings settings;
  private final X509TrustManager trust;
  private final long until;
  private final ScheduledExecutorService watchdog;

  private final List<String> transcript = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private final List<String> greeting = new ArrayList<>();
  private final List<String> ehlo = new ArrayList<>();
  private boolean starttlsOffered;
  private String starttlsReply;
  private TlsResult tls;

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private volatile boolean expired;

  Conversation(SmtpEndpoint endpoint, SmtpSettings settings, X509TrustManager trust, long until, ScheduledExecutorService watchdog) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.trust = trust;
    this.until = until;
    this.watchdog = watchdog;
  }

  SmtpSession run() {
    socket = new Socket(Proxy.NO_PROXY);
    ScheduledFuture<?> due = watchdog.schedule(this::expire, Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    try {
      return session(talk());
    } finally {
      due.cancel(false);
      closeQuietly();
    }
  }

  private SmtpSession.Failure talk() {
    SmtpSession.Stage stage = SmtpSession.Stage.CONNECT;
    try {
      socket.connect(new InetSocketAddress(endpoint.address(), settings.port()), millis(settings.connect()));
      // Connected: from here on a reset is the server closing the connection, not a network without a route.
      stage = SmtpSession.Stage.GREETING;
      in = socket.getInputStream();
      out = socket.getOutputStream();
      Reply hello = read(settings.greeting(), greeting);
      if (hello.code() != 220) {
        // RFC 5321 §3.1: 554 instead of 220 means "no SMTP service here"; QUIT and leave.
        quit();
        return new SmtpSession.Failure(stage, SmtpSession.Kind.REJECTED, hello.text());
      }

      stage = SmtpSession.Stage.EHLO;
      String me = clientName();
      Reply ehloReply = command("EHLO " + me, ehlo);
      if (ehloReply.code() / 100 == 5) {
        ehlo.clear();
        ehloReply = command("HELO " + me, ehlo);
      }
      if (ehloReply.code() != 250) {
        quit();
        return new SmtpSession.Failure(stage, SmtpSession.Kind.REJECTED, ehloReply.text());
      }
      starttlsOffered = ehlo.stream().skip(1).anyMatch(l -> l.strip().toUpperCase(Locale.ROOT).equals("STARTTLS"));
      if (starttlsOffered) {
        startTls(me);
      }
      if (!socket.isClosed()) {
        quit();
      }
      return null;
    } catch (SocketTimeoutException e) {
      return new SmtpSession.Failure(stage, SmtpSession.Kind.TIMEOUT, "no answer in " + stepName(stage));
    } catch (ConnectException e) {
      return new SmtpSession.Failure(stage, expired ? SmtpSession.Kind.TIMEOUT : SmtpSession.Kind.REFUSED, message(e));
    } catch (NoRouteToHostException e) {
      return new SmtpSession.Failure(stage, SmtpSession.Kind.NO_ROUTE, message(e));
    } catch (ProtocolException e) {
      return new SmtpSession.Failure(stage, SmtpSession.Kind.PROTOCOL, e.getMessage());
    } catch (IOException e) {
      if (expired) {
        return new SmtpSession.Failure(stage, SmtpSession.Kind.TIMEOUT, "the time for this server ran out in " + stepName(stage));
      }
      // A reset comes from the server's end even while connect() returns (a busy loopback listener
      // that accepts and resets at once): that is the server closing, not a network without a route.
      boolean reset = e instanceof java.net.SocketException && String.valueOf(e.getMessage()).contains("reset");
      return new SmtpSession.Failure(stage, stage == SmtpSession.Stage.CONNECT && !reset ? SmtpSession.Kind.NO_ROUTE : SmtpSession.Kind.CLOSED,
          message(e));
    }
  }

  /**
   * STARTTLS, the handshake, EHLO over TLS. The server has answered EHLO by now, so what goes wrong
   * here is a TLS result (a failed handshake), never a failure of the session.
   */
  private void startTls(String me) {
    Reply r;
    try {
      r = command("STARTTLS", new ArrayList<>());
    } catch (IOException e) {
      tls = TlsResult.failed(e instanceof SocketTimeoutException || expired ? "no reply to STARTTLS in time" : "STARTTLS: " + message(e));
      closeQuietly();
      return;
    }
    if (r.code() != 220) {
      starttlsReply = r.text();
      return;
    }
    if (pending()) {
      // Anything sent after the 220 and before the handshake would be injected into the TLS
      // session's plaintext (the STARTTLS command-injection flaw, RFC 7817 context); refuse it.
      tls = TlsResult.failed("the server sent data after its 220 reply to STARTTLS");
      closeQuietly();
      return;
    }
    RecordingTrustManager recorder = new RecordingTrustManager(trust);
    SSLSocket secure;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recorder}, null);
      String peer = endpoint.tlsName() != null ? endpoint.tlsName() : Addresses.text(endpoint.address());
      secure = (SSLSocket) context.getSocketFactory().createSocket(socket, peer, settings.port(), true);
      if (endpoint.tlsName() != null) {
        SSLParameters p = secure.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(endpoint.tlsName())));
        secure.setSSLParameters(p);
      }
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      tls = TlsResult.failed(message(e));
      closeQuietly();
      return;
    }
    transcript("-- TLS handshake");
    try {
      secure.setSoTimeout(millis(settings.step()));
      secure.startHandshake();
    } catch (IOException e) {
      tls = TlsResult.failed(expired ? "the time for this server ran out during the handshake" : message(e));
      transcript("-- TLS handshake failed: " + tls.handshakeError());
      closeQuietly();
      return;
    }
    socket = secure;
    SSLSession s = secure.getSession();
    tls = judge(s.getProtocol(), s.getCipherSuite(), recorder);
    transcript("-- " + s.getProtocol() + " " + s.getCipherSuite());
    try {
      in = secure.getInputStream();
      out = secure.getOutputStream();
      command("EHLO " + me, new ArrayList<>());
    } catch (IOException e) {
      // The certificate is what this step was for; a server that goes quiet now changes nothing.
      closeQuietly();
    }
  }

  private boolean pending() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private TlsResult judge(String protocol, String cipher, RecordingTrustManager recorder) {
    List<X509Certificate> chain = recorder.chain();
    List<TlsResult.CertProblem> problems = new ArrayList<>();
    Date now = new Date();
    for (X509Certificate c : chain) {
      try {
        c.checkValidity(now);
      } catch (CertificateExpiredException e) {
        add(problems, TlsResult.CertProblem.EXPIRED);
      } catch (CertificateNotYetValidException e) {
        add(problems, TlsResult.CertProblem.NOT_YET_VALID);
      }
    }
    String trustDetail = null;
    if (recorder.verdict() != null && !aboutValidity(recorder.verdict())) {
      X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
      boolean selfSigned = leaf != null && chain.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
      add(problems, selfSigned ? TlsResult.CertProblem.SELF_SIGNED : TlsResult.CertProblem.UNTRUSTED);
      trustDetail = message(recorder.verdict());
    }
    if (endpoint.tlsName() != null && !chain.isEmpty() && !CertificateNames.matches(chain.get(0), endpoint.tlsName())) {
      add(problems, TlsResult.CertProblem.NAME_MISMATCH);
    }
    return new TlsResult(null, protocol, cipher, chain, problems, trustDetail);
  }

  /** Whether the validator refused the chain only because of a date, which the dates above already say. */
  private static boolean aboutValidity(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException v
          && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
              || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
        return true;
      }
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return true;
      }
    }
    return false;
  }

  private static void add(List<TlsResult.CertProblem> problems, TlsResult.CertProblem p) {
    if (!problems.contains(p)) {
      problems.add(p);
    }
  }

  /**
   * The EHLO argument: the address literal of our own end of the connection (RFC 5321 §4.1.4
   * allows it when the client has no name of its own it can vouch for).
   */
  private String clientName() {
    var local = socket.getLocalAddress();
    return local instanceof Inet6Address ? "[IPv6:" + Addresses.text(local) + "]" : "[" + Addresses.text(local) + "]";
  }

  /** QUIT, waiting briefly for the 221; what happens then does not change the session. */
  private void quit() {
    try {
      command("QUIT", new ArrayList<>());
    } catch (IOException e) {
      // The server hung up first, or did not say goodbye in time: nothing more to learn.
    }
  }

  private Reply command(String line, List<String> into) throws IOException {
    commands.add(line.split(" ", 2)[0]);
    transcript("C: " + line);
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read(settings.step(), into);
  }

  /** One reply, its lines (without the code) added to {@code into}. */
  private Reply read(Duration timeout, List<String> into) throws IOException {
    long stepEnd = Math.min(until, System.nanoTime() + timeout.toNanos());
    int code = -1;
    StringBuilder text = new StringBuilder();
    for (int n = 0; ; n++) {
      if (n == MAX_LINES) {
        throw new ProtocolException("a reply of more than " + MAX_LINES + " lines");
      }
      String line = readLine(stepEnd);
      transcript("S: " + line);
      if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
          || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
        throw new ProtocolException("not an SMTP reply: " + printable(line));
      }
      int c = Integer.parseInt(line.substring(0, 3));
      if (code >= 0 && c != code) {
        throw new ProtocolException("a multi-line reply changed its code: " + printable(line));
      }
      code = c;
      String rest = line.length() > 4 ? line.substring(4) : "";
      into.add(rest);
      text.append(text.isEmpty() ? "" : " / ").append(line);
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return new Reply(code, text.toString());
      }
    }
  }

  private String readLine(long stepEnd) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      long left = stepEnd - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("step over");
      }
      socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException(line.isEmpty() ? "the server closed the connection" : "the server closed the connection mid-line");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() < MAX_LINE) {
        line.append((char) b);
      }
    }
  }

  private void transcript(String line) {
    if (transcript.size() < MAX_TRANSCRIPT) {
      transcript.add(printable(line));
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? '?' : (char) c));
    return b.toString();
  }

  private int millis(Duration step) {
    long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
    return (int) Math.max(1, Math.min(step.toMillis(), left));
  }

  private static String stepName(SmtpSession.Stage stage) {
    return switch (stage) {
      case CONNECT -> "connecting";
      case GREETING -> "the greeting";
      case EHLO -> "the conversation after the greeting";
    };
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private void expire() {
    expired = true;
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the session is already decided.
    }
  }

  private SmtpSession session(SmtpSession.Failure failure) {
    return new SmtpSession(endpoint.address(), settings.port(), failure, greeting, ehlo, starttlsOffered, starttlsReply, tls,
        transcript, commands);
  }

  private record Reply(int code, String text) {}

  /** A reply that is not SMTP. */
  private static final class ProtocolException extends IOException {
    ProtocolException(String message) {
      super(message);
    }
  }
}
