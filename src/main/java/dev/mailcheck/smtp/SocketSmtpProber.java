package dev.mailcheck.smtp;

import dev.mailcheck.target.IpRanges;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;

/**
 * The SMTP probe on plain sockets ({@link Conversation}): refuses special-use addresses unless
 * allowed ({@link IpRanges}, the same rule as the HTTP client's guard), bounds every step, and
 * holds at most {@value #MAX_SESSIONS} conversations open at once for the whole process.
 */
public final class SocketSmtpProber implements SmtpProber {
  /** Conversations open at once, across every run of the process (a bot serving many users). */
  static final int MAX_SESSIONS = 32;

  /** Closes the socket of a conversation whose time is up, whatever it is blocked in. */
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "smtp-deadlines");
    t.setDaemon(true);
    return t;
  });

  private final SmtpSettings settings;
  private final X509TrustManager trust;
  private final Semaphore open = new Semaphore(MAX_SESSIONS);

  public SocketSmtpProber(SmtpSettings settings) {
    this.settings = settings;
    this.trust = settings.trustStore().map(dev.mailcheck.http.TrustStores::with).orElseGet(dev.mailcheck.http.TrustStores::jdk);
  }

  public SmtpSettings settings() {
    return settings;
  }

  @Override
  public SmtpSession probe(SmtpEndpoint endpoint, Duration budget) {
    String range = settings.allowPrivate() ? null : IpRanges.specialRange(endpoint.address());
    if (range != null) {
      return SmtpSession.notAttempted(endpoint.address(), settings.port(), range);
    }
    if (budget.isNegative() || budget.isZero()) {
      return timedOut(endpoint, "no time left before the run's deadline");
    }
    long until = System.nanoTime() + budget.toNanos();
    try {
      if (!open.tryAcquire(budget.toNanos(), TimeUnit.NANOSECONDS)) {
        return timedOut(endpoint, "too many SMTP conversations open in this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timedOut(endpoint, "interrupted");
    }
    try {
      return new Conversation(endpoint, settings, trust, until, WATCHDOG).run();
    } finally {
      open.release();
    }
  }

  private SmtpSession timedOut(SmtpEndpoint endpoint, String why) {
    return new SmtpSession(endpoint.address(), settings.port(),
        new SmtpSession.Failure(SmtpSession.Stage.CONNECT, SmtpSession.Kind.TIMEOUT, why),
        List.of(), List.of(), false, null, null, List.of(), List.of());
  }
}
