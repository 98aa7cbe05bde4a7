package dev.mailcheck.slack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may run checks where ({@code MAILCHECK_ALLOWED_CHANNELS}, {@code MAILCHECK_ALLOWED_USERS}):
 * comma-separated channel IDs or names ({@code C0123}, {@code #ops}) and user IDs or names
 * ({@code U0123}, {@code @kim}). An empty list allows everyone.
 */
public final class AccessPolicy {
  /** Why a request was refused: a message key and its argument. */
  public record Refusal(String key, String arg) {}

  /** Slack channel IDs as Slack writes them: C (channel), G (private, older) or D (DM), upper case. */
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");

  private final Set<String> channels;
  private final Set<String> users;
  /** The channel entries that were written as IDs (lower-cased like the rest), told apart before lower-casing. */
  private final Set<String> channelIds;

  public AccessPolicy(Set<String> channels, Set<String> users) {
    this(channels, users, channels.stream().filter(c -> CHANNEL_ID.matcher(c).matches()).collect(Collectors.toSet()));
  }

  private AccessPolicy(Set<String> channels, Set<String> users, Set<String> channelIds) {
    this.channels = channels.stream().map(AccessPolicy::lower).collect(Collectors.toUnmodifiableSet());
    this.users = users.stream().map(AccessPolicy::lower).collect(Collectors.toUnmodifiableSet());
    this.channelIds = channelIds.stream().map(AccessPolicy::lower).collect(Collectors.toUnmodifiableSet());
  }

  public static AccessPolicy open() {
    return new AccessPolicy(Set.of(), Set.of());
  }

  /**
   * Parses the two variables' values (null when unset). A channel entry is an ID when written
   * without '#' in Slack's upper-case ID form; "#general" and "general" are names.
   */
  public static AccessPolicy of(String channelList, String userList) {
    List<String> channels = entries(channelList);
    Set<String> ids = channels.stream().filter(c -> CHANNEL_ID.matcher(c).matches()).collect(Collectors.toSet());
    return new AccessPolicy(strip(channels, '#'), strip(entries(userList), '@'), ids);
  }

  private static List<String> entries(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Set<String> strip(List<String> entries, char sigil) {
    return entries.stream().map(s -> s.charAt(0) == sigil ? s.substring(1) : s).collect(Collectors.toSet());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Null when allowed, else why not. */
  public Refusal check(String channelId, String channelName, String userId, String userName) {
    if (!users.isEmpty() && !matches(users, userId, userName)) {
      return new Refusal("slack.refused.user", null);
    }
    if (!channels.isEmpty() && !matches(channels, channelId, channelName)) {
      String list = channels.stream().sorted()
          .map(c -> channelIds.contains(c) ? "<#" + c.toUpperCase(Locale.ROOT) + ">" : "#" + c)
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
