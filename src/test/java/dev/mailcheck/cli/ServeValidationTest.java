package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code mailcheck serve} checks every flag and setting before its first call to Slack: each
 * problem is one sentence (no Java wording), and the fake Slack below is never contacted.
 */
@Timeout(30)
class ServeValidationTest {
  private ServerSocket slack;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    slack = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
  }

  private Map<String, String> env(String... more) {
    Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_SIGNING_SECRET", "s",
        "SLACK_API_URL", "http://127.0.0.1:" + slack.getLocalPort() + "/api/", "MAILCHECK_DNS", "127.0.0.1:9"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  /** Runs serve; it must refuse with one sentence, and Slack must not have been asked anything. */
  private String refused(Map<String, String> env, String... args) throws Exception {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    ((ServeCommand) cl.getSubcommands().get("serve").getCommand()).env = env;
    List<String> all = new ArrayList<>(List.of("serve"));
    all.addAll(List.of(args));
    assertEquals(Main.BAD_INPUT, cl.execute(all.toArray(String[]::new)), err.toString());
    String e = err.toString().strip();
    assertEquals(1, e.lines().count(), e);
    assertTrue(!e.contains("Exception") && !e.contains("java."), e);
    // The command has returned: any connection it made would be waiting in the backlog now.
    slack.setSoTimeout(50);
    assertThrows(SocketTimeoutException.class, () -> slack.accept().close(), "serve contacted Slack before refusing: " + e);
    return e;
  }

  @Test
  void portsAndAddresses() throws Exception {
    assertEquals("mailcheck: '70000' is not a port for --port; give a number from 0 to 65535 (0 picks a free one).",
        refused(env(), "--port", "70000"));
    assertEquals("mailcheck: '-1' is not a port for --admin-port; give a number from 0 to 65535 (0 picks a free one).",
        refused(env(), "--http", "--port", "0", "--admin-port", "-1"));
    assertEquals("mailcheck: 'nowhere.invalid' is not an IP address --bind can listen on; give one of this machine's addresses,"
        + " e.g. 0.0.0.0 or 127.0.0.1.", refused(env(), "--bind", "nowhere.invalid"));
    assertTrue(refused(env(), "--bind", "203.0.113.1").contains("'203.0.113.1' is not an IP address --bind can listen on"));
    assertTrue(refused(env(), "--http", "--port", "3456", "--admin-port", "3456").startsWith("mailcheck: --admin-port 3456 is the same port"));
    assertEquals("mailcheck: --port 값이 포트 번호가 아닙니다: '70000'. 0부터 65535까지의 숫자를 입력하세요(0이면 빈 포트를 고릅니다).",
        refused(env(), "--port", "70000", "--lang", "ko"));
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertEquals("mailcheck: port " + port + " on 127.0.0.1 is already in use; stop what listens there or choose another with --port.",
          refused(env(), "--http", "--bind", "127.0.0.1", "--port", String.valueOf(port)));
      assertTrue(refused(env(), "--bind", "127.0.0.1", "--port", "0", "--admin-port", String.valueOf(port))
          .contains("port " + port + " on 127.0.0.1 is already in use; stop what listens there or choose another with --admin-port."));
    }
  }

  @Test
  void slackSettings() throws Exception {
    assertEquals("mailcheck: SLACK_API_URL 'http://exa mple/api/' is not an http(s) URL ending in /api/; give e.g. https://slack.com/api/"
        + " or leave it unset.", refused(env("SLACK_API_URL", "http://exa mple/api/")));
    assertTrue(refused(env("SLACK_API_URL", "slack.com/api/")).startsWith("mailcheck: SLACK_API_URL 'slack.com/api/'"));
    assertEquals("mailcheck: SLACK_BOT_TOKEN starts with xapp-, which is an app-level token; give the bot token (xoxb-…) from OAuth &"
        + " Permissions there, and the xapp- token as SLACK_APP_TOKEN.", refused(env("SLACK_BOT_TOKEN", "xapp-1-A-2")));
    assertTrue(refused(env("SLACK_APP_TOKEN", "xoxb-2")).startsWith("mailcheck: SLACK_APP_TOKEN does not start with xapp-"));
    assertEquals("mailcheck: '' is not a slash command; give it as installed in the Slack app, e.g. --command /mailcheck.",
        refused(env(), "--command", ""));
    assertTrue(refused(env(), "--command", "mailcheck").startsWith("mailcheck: 'mailcheck' is not a slash command"));
  }

  @Test
  void limitsAndDurations() throws Exception {
    assertEquals("mailcheck: --max-runs must be at least 1, not 0.", refused(env(), "--max-runs", "0"));
    assertEquals("mailcheck: --queue must be at least 0, not -1.", refused(env(), "--queue", "-1"));
    assertEquals("mailcheck: --timeout must be longer than zero, e.g. 20s.", refused(env(), "--timeout", "0"));
    assertEquals("mailcheck: --grace: '2h' is longer than 1 hour, the most it may be; use e.g. 20s or 2m.", refused(env(), "--grace", "2h"));
    assertEquals("mailcheck: MAILCHECK_DNS is set but names no resolver; give addresses such as 127.0.0.1:5353, or unset it to use the"
        + " system's resolvers.", refused(env("MAILCHECK_DNS", "")));
  }

  @Test
  void theSlackScanLimitAndTheBlocklistSettings() throws Exception {
    assertEquals("mailcheck: MAILCHECK_SLACK_SCAN_MAX_PREFIX '8' is not a prefix length from 16 to 32; give e.g. 24 (a /24, 256 addresses).",
        refused(env("MAILCHECK_SLACK_SCAN_MAX_PREFIX", "8")));
    assertEquals("mailcheck: MAILCHECK_SLACK_SCAN_MAX_PREFIX 값이 16부터 32까지의 접두사 길이가 아닙니다(입력 값: 'x'). 예: 24 (/24, 주소 256개)",
        refused(env("MAILCHECK_SLACK_SCAN_MAX_PREFIX", "x"), "--lang", "ko"));
    assertTrue(refused(env("MAILCHECK_DNSBL", "nodots")).startsWith("mailcheck: MAILCHECK_DNSBL: 'nodots' is not a blocklist zone"));
  }
}
