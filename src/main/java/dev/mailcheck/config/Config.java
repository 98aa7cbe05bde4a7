package dev.mailcheck.config;

import dev.mailcheck.dns.Resolvers;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.target.InputException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code MAILCHECK_*} settings of docs/CONTRACTS.md, read from the environment (flags override them
 * where both exist). Bad values are reported as one sentence through {@link IllegalArgumentException}.
 */
public final class Config {
  /** Checks and probe families that {@code --skip} / {@code MAILCHECK_SKIP} may name: from the check registry. */
  public static final Set<String> SKIPPABLE = dev.mailcheck.check.Checks.skippable();

  private final Map<String, String> env;

  public Config(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static Config fromEnvironment() {
    return new Config(System.getenv());
  }

  /** A raw value, or null when unset or blank. */
  public String get(String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Resolvers from {@code MAILCHECK_DNS}, or an empty list when unset. */
  public List<InetSocketAddress> dns() {
    String v = get("MAILCHECK_DNS");
    if (v == null && env.containsKey("MAILCHECK_DNS")) {
      // Set but empty (MAILCHECK_DNS=): never fall back to the system's resolvers behind the user's back.
      throw new InputException("input.dns-env-empty");
    }
    if (v == null) {
      return List.of();
    }
    List<InetSocketAddress> servers;
    try {
      servers = Resolvers.parseList(v);
    } catch (InputException e) {
      throw new InputException("input.where", "MAILCHECK_DNS", e.sentence());
    }
    if (servers.isEmpty()) {
      throw new InputException("input.dns-env-empty");
    }
    return servers;
  }

  public Set<String> skip() {
    String v = get("MAILCHECK_SKIP");
    return v == null ? Set.of() : parseSkip(v, "MAILCHECK_SKIP");
  }

  public Lang lang() {
    String v = get("MAILCHECK_LANG");
    if (v == null) {
      return Lang.EN;
    }
    try {
      return Lang.of(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MAILCHECK_LANG: " + e.getMessage());
    }
  }

  /** True when {@code MAILCHECK_ALLOW_PRIVATE} is 1/true/yes. */
  public boolean allowPrivate() {
    return flag("MAILCHECK_ALLOW_PRIVATE");
  }

  /**
   * {@code MAILCHECK_TRUSTSTORE}: a PEM file of CA certificates HTTPS trusts in addition to the
   * JDK's (a test CA, or a company's own).
   */
  public java.util.Optional<java.nio.file.Path> trustStore() {
    String v = get("MAILCHECK_TRUSTSTORE");
    if (v == null) {
      return java.util.Optional.empty();
    }
    java.nio.file.Path p = java.nio.file.Path.of(v);
    if (!java.nio.file.Files.isReadable(p)) {
      throw new IllegalArgumentException("MAILCHECK_TRUSTSTORE: '" + v + "' is not a readable file; give a PEM file of CA certificates.");
    }
    return java.util.Optional.of(p);
  }

  /**
   * {@code MAILCHECK_TRUST_ANCHOR}: a file of DS or DNSKEY records (master-file syntax) DNSSEC
   * validation starts from instead of the bundled root anchors (a test's or demo's own root).
   */
  public java.util.Optional<java.nio.file.Path> trustAnchor() {
    String v = get("MAILCHECK_TRUST_ANCHOR");
    if (v == null) {
      return java.util.Optional.empty();
    }
    java.nio.file.Path p = java.nio.file.Path.of(v);
    if (!java.nio.file.Files.isReadable(p)) {
      throw new IllegalArgumentException("MAILCHECK_TRUST_ANCHOR: '" + v + "' is not a readable file; give a file of DS or DNSKEY records.");
    }
    return java.util.Optional.of(p);
  }

  /** {@code MAILCHECK_HTTPS_PORT}: where https URLs without a port connect instead of 443 (tests). */
  public java.util.OptionalInt httpsPort() {
    return port("MAILCHECK_HTTPS_PORT");
  }

  /** {@code MAILCHECK_SMTP_PORT}: the port the SMTP probe connects to instead of 25 (tests, demos). */
  public java.util.OptionalInt smtpPort() {
    return port("MAILCHECK_SMTP_PORT");
  }

  private java.util.OptionalInt port(String key) {
    String v = get(key);
    if (v == null) {
      return java.util.OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(v);
      if (port >= 1 && port <= 65535) {
        return java.util.OptionalInt.of(port);
      }
    } catch (NumberFormatException e) {
      // Falls through to the sentence below.
    }
    throw new IllegalArgumentException(key + ": '" + v + "' is not a port; give a number from 1 to 65535.");
  }

  private boolean flag(String key) {
    String v = get(key);
    return v != null && Set.of("1", "true", "yes", "on").contains(v.toLowerCase(Locale.ROOT));
  }

  /**
   * Parses a comma-separated list of things to skip.
   *
   * @param where the flag or variable it came from, for the error sentence
   */
  public static Set<String> parseSkip(String list, String where) {
    Set<String> out = Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank())
        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (String s : out) {
      if (!SKIPPABLE.contains(s)) {
        throw new InputException("input.skip-bad", where, dev.mailcheck.target.Echo.of(s),
            String.join(",", SKIPPABLE));
      }
    }
    return out;
  }
}
