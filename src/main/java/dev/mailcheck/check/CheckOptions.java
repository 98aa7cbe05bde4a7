package dev.mailcheck.check;

import dev.mailcheck.playbook.Lang;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How to run a check.
 *
 * @param from the IP that sends for the domain ({@code --from}), or null to assume MX/SPF addresses
 * @param helo the HELO/EHLO name the server uses, or null
 * @param selectors DKIM selectors to look at besides the usual guesses
 * @param skip probe families to leave out: {@code smtp}, {@code http}, {@code rdap}
 * @param timeout the overall deadline of the run
 */
public record CheckOptions(
    InetAddress from, String helo, List<String> selectors, Set<String> skip, Duration timeout, Lang lang) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  public CheckOptions {
    selectors = List.copyOf(selectors);
    skip = Set.copyOf(skip);
  }

  public CheckOptions withFrom(InetAddress ip) {
    return new CheckOptions(ip, helo, selectors, skip, timeout, lang);
  }

  public CheckOptions withLang(Lang l) {
    return new CheckOptions(from, helo, selectors, skip, timeout, l);
  }

  public CheckOptions withTimeout(Duration d) {
    return new CheckOptions(from, helo, selectors, skip, d, lang);
  }

  public boolean skips(String probe) {
    return skip.contains(probe);
  }
}
