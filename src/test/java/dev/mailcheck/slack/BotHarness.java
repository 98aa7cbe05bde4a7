package dev.mailcheck.slack;

import dev.mailcheck.bench.FaultyConnections;
import dev.mailcheck.bench.LoopbackSlack;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Everything an end-to-end test of the bot needs, all on loopback: a DNS world served by
 * {@link LoopbackDnsServer}, the {@link LoopbackSlack} Web API, the real bot, and its HTTP endpoint;
 * plus signed requests the way Slack signs them.
 */
final class BotHarness implements AutoCloseable {
  static final String SECRET = "test-signing-secret";
  static final String TOKEN = "xoxb-test-token";

  final DnsWorld world;
  final LoopbackDnsServer dns;
  final LoopbackSlack slack;
  /** Between the bot and the fake when faults are wanted; else null. */
  final FaultyConnections faults;
  final MailcheckBot bot;
  final BotHttpServer http;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger responseIds = new AtomicInteger();

  /** A harness over the demo world; {@code tweak} adjusts the settings. */
  static BotHarness start(UnaryOperator<BotSettings> tweak) throws Exception {
    return start(DemoWorld.load().world(), tweak);
  }

  static BotHarness start(DnsWorld world, UnaryOperator<BotSettings> tweak) throws Exception {
    return new BotHarness(world, tweak, false, null, null);
  }

  /** A harness whose engine reaches the outside (RDAP) as {@code probes} say. */
  static BotHarness start(DnsWorld world, UnaryOperator<BotSettings> tweak, dev.mailcheck.check.ProbeSettings probes) throws Exception {
    return new BotHarness(world, tweak, false, probes, null);
  }

  /** A harness whose runs talk SMTP through {@code smtp} (aimed at a loopback SMTP server); skip nothing in {@code tweak} to use it. */
  static BotHarness start(DnsWorld world, UnaryOperator<BotSettings> tweak, dev.mailcheck.smtp.SmtpProber smtp) throws Exception {
    return new BotHarness(world, tweak, false, null, smtp);
  }

  /**
   * A harness whose bot reaches the fake through {@link FaultyConnections} (response URLs too),
   * with a Web API call timeout of {@link #CALL_TIMEOUT} so that stalls end quickly. No faults
   * are injected until the test asks for them.
   */
  static BotHarness faulty(UnaryOperator<BotSettings> tweak) throws Exception {
    return new BotHarness(DemoWorld.load().world(), tweak, true, null, null);
  }

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private BotHarness(DnsWorld world, UnaryOperator<BotSettings> tweak, boolean faulty, dev.mailcheck.check.ProbeSettings probes,
      dev.mailcheck.smtp.SmtpProber smtp)
      throws Exception {
    this.world = world;
    this.dns = LoopbackDnsServer.start(world);
    this.slack = new LoopbackSlack();
    this.faults = faulty ? new FaultyConnections(slack.apiUrl()).stall(CALL_TIMEOUT.plusSeconds(1)) : null;
    BotSettings s = BotSettings.defaults(List.of(dns.address())).withSkip(java.util.Set.of("smtp", "http", "rdap"))
        .withAllowPrivate(true).withRunTimeout(Duration.ofSeconds(5));
    String apiUrl = faulty ? faults.via(slack.apiUrl()) : slack.apiUrl();
    SlackCredentials credentials = new SlackCredentials(TOKEN, SECRET, null, apiUrl);
    BotSettings settings = tweak.apply(s);
    dev.mailcheck.check.ProbeSettings reach = probes != null ? probes
        : dev.mailcheck.check.ProbeSettings.allowingPrivate(settings.allowPrivate());
    this.bot = faulty ? new MailcheckBot(credentials, settings, new WebApiClient(apiUrl, TOKEN, CALL_TIMEOUT), reach, smtp)
        : new MailcheckBot(credentials, settings, reach, smtp);
    bot.start();
    this.http = BotHttpServer.http(bot, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  String eventsUrl() {
    return "http://127.0.0.1:" + http.port() + "/slack/events";
  }

  /** The response_url a command gets: unique per command, served by the fake. */
  String newResponseUrl() {
    String url = slack.responseUrl("r" + responseIds.incrementAndGet());
    return faults == null ? url : faults.via(url);
  }

  static String form(String... kv) {
    return SlashCommandForm.form(kv);
  }

  static String commandBody(String text, String user, String channel, String responseUrl) {
    return SlashCommandForm.command(text, user, channel, responseUrl);
  }


  static String sign(String secret, long timestamp, String body) {
    return new RequestSigner(secret).sign(timestamp, body);
  }

  /** POSTs a body signed with {@code secret} at {@code timestamp} (seconds). */
  HttpResponse<String> post(String body, String contentType, String secret, long timestamp) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(eventsUrl()))
        .header("Content-Type", contentType)
        .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
        .header("X-Slack-Signature", sign(secret, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(10))
        .build();
    return client.send(req, HttpResponse.BodyHandlers.ofString());
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** A correctly signed slash command; returns the HTTP response (the ack). */
  HttpResponse<String> command(String text, String user, String channel, String responseUrl) throws IOException, InterruptedException {
    return post(commandBody(text, user, channel, responseUrl), "application/x-www-form-urlencoded", SECRET, now());
  }

  /** A block_actions payload as Slack sends it for a click on one of the bot's buttons. */
  static ObjectNode blockAction(String actionId, String value, String user, String channel, String messageTs, String responseUrl) {
    ObjectNode p = LoopbackSlack.JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", "T1");
    p.put("api_app_id", "A1");
    p.put("token", "legacy");
    p.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel).put("is_ephemeral", false);
    p.put("trigger_id", "1.2.3");
    p.putObject("team").put("id", "T1").put("domain", "test");
    p.putObject("channel").put("id", channel).put("name", "ops");
    p.putObject("message").put("type", "message").put("ts", messageTs).put("text", "verdict");
    p.put("response_url", responseUrl);
    ObjectNode a = p.putArray("actions").addObject();
    a.put("action_id", actionId);
    a.put("block_id", "mailcheck.actions");
    a.putObject("text").put("type", "plain_text").put("text", "button");
    a.put("value", value);
    a.put("type", "button");
    a.put("action_ts", "1700000000.1");
    return p;
  }

  /** A signed block_actions request for a button on a message in a channel. */
  HttpResponse<String> action(String actionId, String value, String user, String channel, String messageTs, String responseUrl)
      throws IOException, InterruptedException {
    ObjectNode p = blockAction(actionId, value, user, channel, messageTs, responseUrl);
    return post(form("payload", p.toString()), "application/x-www-form-urlencoded", SECRET, now());
  }

  /** A signed Events API app_home_opened event. */
  HttpResponse<String> homeOpened(String user) throws IOException, InterruptedException {
    ObjectNode p = LoopbackSlack.JSON.createObjectNode();
    p.put("token", "legacy");
    p.put("team_id", "T1");
    p.put("api_app_id", "A1");
    p.put("type", "event_callback");
    p.put("event_id", "Ev1");
    p.put("event_time", now());
    ObjectNode e = p.putObject("event");
    e.put("type", "app_home_opened");
    e.put("user", user);
    e.put("channel", "D" + user);
    e.put("tab", "home");
    e.put("event_ts", "1700000000.2");
    return post(p.toString(), "application/json", SECRET, now());
  }

  private final AtomicInteger eventIds = new AtomicInteger();

  /** A message event as Slack sends it for a message in the bot's Messages tab (message.im). */
  static ObjectNode directMessageEvent(String user, String text, String ts, String eventId) {
    ObjectNode p = LoopbackSlack.JSON.createObjectNode();
    p.put("token", "legacy");
    p.put("team_id", "T1");
    p.put("api_app_id", "A1");
    p.put("type", "event_callback");
    p.put("event_id", eventId);
    p.put("event_time", now());
    ObjectNode e = p.putObject("event");
    e.put("type", "message");
    e.put("channel", "D" + user);
    e.put("user", user);
    e.put("text", text);
    e.put("ts", ts);
    e.put("event_ts", ts);
    e.put("channel_type", "im");
    return p;
  }

  /** A signed Events API message event: {@code user} wrote {@code text} to the bot in their DM (channel D + user). */
  HttpResponse<String> directMessage(String user, String text) throws IOException, InterruptedException {
    int n = eventIds.incrementAndGet();
    return post(directMessageEvent(user, text, "1700000100." + String.format("%06d", n), "EvDM" + n).toString(), "application/json", SECRET,
        now());
  }

  /** Posts an Events API body as it is (signed), e.g. one event delivered twice. */
  HttpResponse<String> event(ObjectNode body) throws IOException, InterruptedException {
    return post(body.toString(), "application/json", SECRET, now());
  }

  @Override
  public void close() {
    http.close();
    bot.close();
    if (faults != null) {
      faults.close();
    }
    slack.close();
    dns.close();
  }
}
