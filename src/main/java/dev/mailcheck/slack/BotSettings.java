package dev.mailcheck.slack;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.playbook.Lang;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the bot runs checks: the same {@code MAILCHECK_*} settings as {@code mailcheck check}, plus
 * the limits that keep a burst of commands from exhausting the process.
 *
 * @param command the slash command as installed, for help texts
 * @param forcedLang the language everyone is answered in ({@code --lang}, {@code MAILCHECK_LANG}),
 *     or null to answer each user in their Slack locale
 * @param runTimeout the overall deadline of each run
 * @param maxConcurrentRuns runs executing at once
 * @param maxQueuedRuns runs waiting for a slot; beyond that a command is told to try again
 * @param perUserRuns runs one user may start within {@code perUserWindow}
 * @param shutdownGrace how long SIGTERM waits for in-flight runs before marking them interrupted
 * @param scan the lists and the widest range of {@code /mailcheck scan}
 */
public record BotSettings(
    String command,
    List<InetSocketAddress> dns,
    Set<String> skip,
    Lang forcedLang,
    boolean allowPrivate,
    AccessPolicy access,
    Duration runTimeout,
    int maxConcurrentRuns,
    int maxQueuedRuns,
    int perUserRuns,
    Duration perUserWindow,
    Duration shutdownGrace,
    ScanSettings scan) {

  /** With the scan's defaults ({@link ScanSettings#defaults()}). */
  public BotSettings(String command, List<InetSocketAddress> dns, Set<String> skip, Lang forcedLang, boolean allowPrivate,
      AccessPolicy access, Duration runTimeout, int maxConcurrentRuns, int maxQueuedRuns, int perUserRuns, Duration perUserWindow,
      Duration shutdownGrace) {
    this(command, dns, skip, forcedLang, allowPrivate, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns, perUserWindow,
        shutdownGrace, ScanSettings.defaults());
  }

  public BotSettings {
    dns = List.copyOf(dns);
    skip = Set.copyOf(skip);
    if (dns.isEmpty()) {
      throw new IllegalArgumentException("no DNS resolver is configured; set MAILCHECK_DNS or give --dns IP.");
    }
    if (maxConcurrentRuns < 1 || maxQueuedRuns < 0 || perUserRuns < 1) {
      throw new IllegalArgumentException("--max-runs and --per-user must be at least 1, --queue at least 0.");
    }
  }

  /** Defaults for everything but the resolvers. */
  public static BotSettings defaults(List<InetSocketAddress> dns) {
    return new BotSettings("/mailcheck", dns, Set.of(), null, false, AccessPolicy.open(), CheckOptions.DEFAULT_TIMEOUT,
        8, 64, 5, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  public BotSettings withLimits(int concurrent, int queued, int perUser, Duration window) {
    return new BotSettings(command, dns, skip, forcedLang, allowPrivate, access, runTimeout, concurrent, queued, perUser, window,
        shutdownGrace, scan);
  }

  /** Everyone answered in {@code lang}; null follows each user's Slack locale. */
  public BotSettings withLang(Lang lang) {
    return new BotSettings(command, dns, skip, lang, allowPrivate, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, scan);
  }

  public BotSettings withAccess(AccessPolicy a) {
    return new BotSettings(command, dns, skip, forcedLang, allowPrivate, a, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, scan);
  }

  public BotSettings withRunTimeout(Duration d) {
    return new BotSettings(command, dns, skip, forcedLang, allowPrivate, access, d, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, scan);
  }

  public BotSettings withSkip(Set<String> s) {
    return new BotSettings(command, dns, s, forcedLang, allowPrivate, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, scan);
  }

  public BotSettings withAllowPrivate(boolean b) {
    return new BotSettings(command, dns, skip, forcedLang, b, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, scan);
  }

  public BotSettings withShutdownGrace(Duration d) {
    return new BotSettings(command, dns, skip, forcedLang, allowPrivate, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, d, scan);
  }

  /** {@code /mailcheck scan} with these lists and this widest range. */
  public BotSettings withScan(ScanSettings s) {
    return new BotSettings(command, dns, skip, forcedLang, allowPrivate, access, runTimeout, maxConcurrentRuns, maxQueuedRuns, perUserRuns,
        perUserWindow, shutdownGrace, s);
  }
}
