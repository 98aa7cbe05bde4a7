package dev.mailcheck.slack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * The course every admitted run follows, whatever it checks: skipped when the bot stopped before it
 * began, counted and timed, and settled once, by whichever comes first of its outcome, a failure and
 * an interruption, so that a stop arriving after the outcome was queued cannot replace it. A run
 * ({@link CheckRun}, {@link BounceRun}, {@link ScanRun}) composes one, gives it its work and what it
 * says when it ends early ({@link Endings}), and hands it to {@link Admission}.
 */
final class RunLifecycle implements AdmittedRun {
  /** The work of a run, from its first message to its outcome. */
  @FunctionalInterface
  interface Work {
    void execute() throws InterruptedException;
  }

  /** What a run says when it ends early: to its requester before it has a thread, in its thread after. */
  interface Endings {
    /** The sentence for the requester of a run that failed before it had a thread. */
    SlackMessage failedSentence();

    /** Tells the run's thread (or its first message) that it failed; returns once that is posted. */
    void endFailed(ThreadPoster thread);

    /** The sentence for the requester of a run the bot stopped before it had a thread. */
    SlackMessage interruptedSentence();

    /** Tells the run's thread and its first message that the bot stopped; completes once handed over. */
    CompletableFuture<Void> endInterrupted(ThreadPoster thread);
  }

  private final BotServices bot;
  private final String user;
  private final Reply reply;
  private final Logger log;
  /** The run as its failure is logged ("run of example.com", "scan run"). */
  private final String what;
  private final Work work;
  private final Endings endings;
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile ThreadPoster thread;

  RunLifecycle(BotServices bot, String user, Reply reply, Logger log, String what, Work work, Endings endings) {
    this.bot = bot;
    this.user = user;
    this.reply = reply;
    this.log = log;
    this.what = what;
    this.work = work;
    this.endings = endings;
  }

  @Override
  public String user() {
    return user;
  }

  /** Runs the work, and tells {@link Admission} when it is done. */
  @Override
  public void run() {
    if (interrupted.get()) {
      return;
    }
    bot.metrics().runsStarted.increment();
    long t0 = System.nanoTime();
    try {
      work.execute();
    } catch (RuntimeException e) {
      log.error("{} failed", what, e);
      fail();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail();
    } finally {
      settled.set(true);
      bot.metrics().ran(System.nanoTime() - t0);
      bot.admission().finished(this);
    }
  }

  private void fail() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    bot.metrics().runsFailed.increment();
    ThreadPoster t = thread;
    if (t != null) {
      // Its first message would otherwise say "Checking…" for ever.
      endings.endFailed(t);
    } else {
      reply.send(endings.failedSentence());
    }
  }

  /**
   * Marks the run interrupted (the bot is stopping): its thread says so; a run that had not posted
   * yet tells the requester through the response URL. Nothing when the run had already settled.
   */
  @Override
  public CompletableFuture<Void> interrupt() {
    if (!settled.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    interrupted.set(true);
    bot.metrics().runsInterrupted.increment();
    ThreadPoster t = thread;
    if (t == null) {
      return CompletableFuture.runAsync(() -> reply.send(endings.interruptedSentence()), bot.intake());
    }
    return endings.endInterrupted(t);
  }

  /** The thread the run posts in from now on; true when the bot stopped meanwhile (the run should end). */
  boolean attach(ThreadPoster t) {
    thread = t;
    return interrupted.get();
  }

  /** The run's thread, or null before it has one. */
  ThreadPoster thread() {
    return thread;
  }

  boolean interrupted() {
    return interrupted.get();
  }

  /** Claims the run for its outcome; false when a stop (or a failure) claimed it first. */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }

  boolean settled() {
    return settled.get();
  }
}
