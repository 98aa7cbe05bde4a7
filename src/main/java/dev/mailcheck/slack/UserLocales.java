package dev.mailcheck.slack;

import dev.mailcheck.playbook.Lang;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language to answer a user in: Korean when the bot's default is Korean
 * ({@code MAILCHECK_LANG=ko}) or when users.info (with include_locale) gives a {@code ko} locale,
 * else English. Locales are cached for an hour so a burst of commands asks Slack once per user.
 */
public final class UserLocales {
  private static final Logger LOG = LoggerFactory.getLogger(UserLocales.class);
  private static final Duration TTL = Duration.ofHours(1);
  private static final int MAX = 5_000;

  private record Cached(Lang lang, long at) {}

  private final Publisher publisher;
  private final Lang defaultLang;
  private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX;
    }
  };

  public UserLocales(Publisher publisher, Lang defaultLang) {
    this.publisher = publisher;
    this.defaultLang = defaultLang;
  }

  public Lang langOf(String user) {
    if (defaultLang == Lang.KO) {
      return Lang.KO;
    }
    long now = System.currentTimeMillis();
    synchronized (cache) {
      Cached c = cache.get(user);
      if (c != null && now - c.at() < TTL.toMillis()) {
        return c.lang();
      }
    }
    Lang lang;
    try {
      lang = Lang.forLocale(publisher.call(() -> publisher.api().userLocale(user)));
    } catch (SlackCallException e) {
      // users:read missing or Slack unwell: answer in the default language rather than not at all.
      LOG.info("users.info failed ({}); answering in {}", e.error(), defaultLang.code());
      return defaultLang;
    }
    synchronized (cache) {
      cache.put(user, new Cached(lang, now));
    }
    return lang;
  }
}
