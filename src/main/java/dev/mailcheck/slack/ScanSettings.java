package dev.mailcheck.slack;

import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * How {@code /mailcheck scan CIDR} runs: the lists (chosen as for {@code mailcheck scan}:
 * {@code MAILCHECK_DNSBL}, {@code MAILCHECK_SPAMHAUS_DQS_KEY}, else the catalog's defaults) and the
 * widest range one command may scan ({@code MAILCHECK_SLACK_SCAN_MAX_PREFIX}), narrower by default than
 * the CLI's because a bot's run shares its resolvers and its deadline with everyone else's.
 *
 * @param maxPrefix the widest range as an IPv4 prefix length; an IPv6 range may hold as many addresses
 */
public record ScanSettings(BlockLists lists, int maxPrefix) {
  /** A /24: 256 addresses. */
  public static final int DEFAULT_MAX_PREFIX = 24;
  /** The widest a setting may allow, as for {@code scan --max-prefix}: a /16. */
  public static final int WIDEST = 16;

  public ScanSettings {
    if (maxPrefix < WIDEST || maxPrefix > 32) {
      throw new IllegalArgumentException("the widest range must be a prefix length from " + WIDEST + " to 32, not " + maxPrefix);
    }
  }

  /** The catalog's default lists, at most a /24. */
  public static ScanSettings defaults() {
    return new ScanSettings(BlockLists.defaults(), DEFAULT_MAX_PREFIX);
  }

  /**
   * The settings as {@code serve} reads them; a bad value is one sentence ({@link InputException})
   * naming the variable.
   */
  public static ScanSettings from(Function<String, String> env) {
    BlockLists lists = BlockLists.fromSettings(env);
    String v = env.apply("MAILCHECK_SLACK_SCAN_MAX_PREFIX");
    if (v == null || v.isBlank()) {
      return new ScanSettings(lists, DEFAULT_MAX_PREFIX);
    }
    String t = v.strip();
    if (t.startsWith("/")) {
      t = t.substring(1);
    }
    if (!t.matches("[0-9]{1,2}") || Integer.parseInt(t) < WIDEST || Integer.parseInt(t) > 32) {
      throw new InputException("input.slack-scan-max-prefix", Echo.of(v));
    }
    return new ScanSettings(lists, Integer.parseInt(t));
  }

  /** How many addresses the widest range holds. */
  public BigInteger maxAddresses() {
    return BigInteger.ONE.shiftLeft(32 - maxPrefix);
  }
}
