package dev.mailcheck.slack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may run checks where ({@code MAILCHECK_ALLOWED_CHANNELS}, {@code MAILCHECK_ALLOWED_USERS}):
 * comma-separated channel IDs or names ({@code C0123}, {@code #ops}) and user IDs or names
 * ({@code U0123}, {@code @kim}). An empty list allows everyone.
 */
public final class AccessPolicy {
  /** Why a request was refused: a message key and its argument. */
  public record Refusal(String key, String arg) {}

  private final Set<String> channels;
  private final Set<String> users;

  public AccessPolicy(Set<String> channels, Set<String> users) {
    this.channels = Set.copyOf(channels);
    this.users = Set.copyOf(users);
  }

  public static AccessPolicy open() {
    return new AccessPolicy(Set.of(), Set.of());
  }

  /** Parses the two variables' values (null when unset). */
  public static AccessPolicy of(String channelList, String userList) {
    return new AccessPolicy(parse(channelList, '#'), parse(userList, '@'));
  }

  private static Set<String> parse(String list, char sigil) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> s.charAt(0) == sigil ? s.substring(1) : s).map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /** Null when allowed, else why not. */
  public Refusal check(String channelId, String channelName, String userId, String userName) {
    if (!users.isEmpty() && !matches(users, userId, userName)) {
      return new Refusal("slack.refused.user", null);
    }
    if (!channels.isEmpty() && !matches(channels, channelId, channelName)) {
      String list = channels.stream().sorted()
          .map(c -> c.matches("[cg][a-z0-9]{6,}") ? "<#" + c.toUpperCase(Locale.ROOT) + ">" : "#" + c)
          .collect(Collectors.joining(", "));
      return new Refusal("slack.refused.channel", list);
    }
    return null;
  }

  private static boolean matches(Set<String> allowed, String id, String name) {
    return (id != null && allowed.contains(id.toLowerCase(Locale.ROOT)))
        || (name != null && allowed.contains(name.toLowerCase(Locale.ROOT)));
  }
}
