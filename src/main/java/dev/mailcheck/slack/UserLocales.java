package dev.mailcheck.slack;

import dev.mailcheck.playbook.Lang;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language to answer a user in: the operator's choice for everyone when one is set
 * ({@code --lang}, {@code MAILCHECK_LANG}), else Korean when users.info (with include_locale) gives
 * a {@code ko} locale and English otherwise. Every answer waits on this, help and refusals too, so
 * Slack is asked once, briefly: a slow or rate-limited users.info means English, and that outcome
 * is remembered for a few minutes so a struggling Slack is not asked again on every command.
 * Locales that were read are kept for an hour.
 */
public final class UserLocales {
  private static final Logger LOG = LoggerFactory.getLogger(UserLocales.class);
  /** How long a command's answer may wait for users.info. */
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration TTL = Duration.ofHours(1);
  private static final Duration FAILURE_TTL = Duration.ofMinutes(5);
  private static final int MAX = 5_000;

  private record Cached(Lang lang, long until) {}

  private final SlackApi api;
  private final Lang forced;
  private final Duration timeout;
  private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX;
    }
  };

  /** {@code forced} null: each user's locale. */
  public UserLocales(SlackApi api, Lang forced, Duration timeout) {
    this.api = api;
    this.forced = forced;
    this.timeout = timeout;
  }

  public Lang langOf(String user) {
    if (forced != null) {
      return forced;
    }
    long now = System.currentTimeMillis();
    synchronized (cache) {
      Cached c = cache.get(user);
      if (c != null && now < c.until()) {
        return c.lang();
      }
    }
    Future<String> locale = lookups.submit(() -> api.userLocale(user));
    Lang lang;
    long ttl;
    try {
      lang = Lang.forLocale(locale.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      ttl = TTL.toMillis();
    } catch (TimeoutException | ExecutionException e) {
      locale.cancel(true);
      // users:read missing or Slack slow: answer in English now rather than late.
      String why = e instanceof ExecutionException x && x.getCause() instanceof SlackCallException s ? s.error() : "no answer in time";
      LOG.info("users.info for a user failed ({}); answering in English for {} min", why, FAILURE_TTL.toMinutes());
      lang = Lang.EN;
      ttl = FAILURE_TTL.toMillis();
    } catch (InterruptedException e) {
      locale.cancel(true);
      Thread.currentThread().interrupt();
      return Lang.EN;
    }
    synchronized (cache) {
      cache.put(user, new Cached(lang, now + ttl));
    }
    return lang;
  }
}
