package dev.mailcheck.slack;

import java.util.concurrent.CompletableFuture;

/**
 * Work that {@link Admission} lets in, counts against its requester's limit, runs on its pool and
 * interrupts when the bot stops: the {@link RunLifecycle} of a check of a domain or IP
 * ({@link CheckRun}), a bounce diagnosis with its check ({@link BounceRun}) or a range scan
 * ({@link ScanRun}).
 */
interface AdmittedRun extends Runnable {
  /** Who asked (their per-user limit counts this run). */
  String user();

  /**
   * Marks the run interrupted because the bot is stopping; what it posted says so, and a run that
   * had not posted yet tells its requester. Completes once that note is handed over.
   */
  CompletableFuture<Void> interrupt();
}
