package dev.mailcheck.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, drawn only when standard error is a terminal (never
 * into a file or a pipe), redrawn at most ten times a second.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** A bar that draws only when the process's standard error is a terminal. */
  static ProgressBar onTerminal(PrintWriter err) {
    return new ProgressBar(err, terminal());
  }

  private static boolean terminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      // Java 22+ gives a Console even when redirected; isTerminal() says whether it is a real one.
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  synchronized void show(long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
    err.flush();
    drawn = true;
  }

  synchronized void clear() {
    if (enabled && drawn) {
      err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
