package dev.mailcheck.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.ResolverConfig;

/**
 * Registered for every test class (META-INF/services + junit-platform.properties): points dnsjava's
 * idea of "the system's resolvers" at a loopback port where nothing listens, so a test that forgets
 * {@code --dns} fails fast on 127.0.0.1 instead of asking the machine's real resolver.
 */
public final class NoSystemResolver implements BeforeAllCallback {
  /** Port 9 (discard) on loopback: nothing answers there. */
  public static final String NOWHERE = "127.0.0.1:9";

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!NOWHERE.equals(System.getProperty("dns.server"))) {
      System.setProperty("dns.server", NOWHERE);
      System.clearProperty("dns.search");
      ResolverConfig.refresh();
    }
  }
}
