package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.bench.LoopbackSlack;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dnsbl.BlockLists;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /mailcheck scan RANGE} end to end against the fake Slack and a loopback DNS server holding
 * list zones with their RFC 5782 test points: the summary in the parent, exactly the listed addresses
 * in its thread with their delisting pages, in English and Korean; a refusing list; the deadline; the
 * sentences for a range too wide or malformed, and for a range given to an ordinary check.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlackScanTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** 192.0.2.5 on Spamhaus ZEN (XBL) and SpamCop, 192.0.2.9 on SpamCop only; 192.0.2.77 is outside the /28. */
  private static final String LISTED = """
      5.2.0.192.zen.spamhaus.org.  A 127.0.0.4
      5.2.0.192.bl.spamcop.net.    A 127.0.0.2
      9.2.0.192.bl.spamcop.net.    A 127.0.0.2
      77.2.0.192.zen.spamhaus.org. A 127.0.0.2
      """;
  private static final Pattern ADDRESS = Pattern.compile("192\\.0\\.2\\.\\d+");

  private static DnsWorld world() {
    return new DnsWorld().records(BlockLists.testPointRecords()).records(LISTED);
  }

  private static UnaryOperator<BotSettings> twoLists(int maxPrefix) {
    return s -> s.withScan(new ScanSettings(BlockLists.named(List.of("zen.spamhaus.org", "bl.spamcop.net")), maxPrefix));
  }

  /** The parent once it became the summary, and the replies in its thread (their texts, blocks and fallback). */
  record Scan(String summary, List<String> replies) {
    String thread() {
      return String.join("\n---\n", replies);
    }
  }

  private static Scan awaitScan(LoopbackSlack slack, String channel) throws InterruptedException {
    LoopbackSlack.Call parent = slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT)
        .get(0);
    LoopbackSlack.Call update = slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
    List<String> replies = slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")))
        .stream().map(c -> String.join("\n", LoopbackSlack.texts(c)) + "\n" + c.get("text")).toList();
    return new Scan(String.join("\n", LoopbackSlack.texts(update)), replies);
  }

  private static List<String> addresses(String text) {
    Matcher m = ADDRESS.matcher(text);
    return m.results().map(r -> r.group()).distinct().sorted().toList();
  }

  private static String answer(BotHarness h, String url) throws InterruptedException {
    String id = url.substring(url.lastIndexOf('/'));
    return h.slack.await("response_url", c -> c.get("url").endsWith(id), 1, WAIT).get(0).get("text");
  }

  @Test
  void theSummaryIsTheParentAndTheThreadNamesExactlyTheListedAddressesWithTheirDelistingPagesInEnglishAndKorean() throws Exception {
    try (BotHarness h = BotHarness.start(world(), twoLists(24))) {
      assertEquals(200, h.command("scan 192.0.2.0/28", "U1", "C1", h.newResponseUrl()).statusCode());
      LoopbackSlack.Call running = h.slack.await("chat.postMessage", c -> "C1".equals(c.get("channel")), 1, WAIT).get(0);
      assertTrue(running.get("text").startsWith("Scanning 192.0.2.0/28 (16 addresses) on 2 lists for <@U1>…"), running.get("text"));
      Scan s = awaitScan(h.slack, "C1");
      assertTrue(s.summary().contains("Scanned 192.0.2.0/28 in") && s.summary().contains("(addresses: 16, lists: 2)"), s.summary());
      assertTrue(s.summary().contains("; listed: 2."), s.summary());
      assertTrue(s.summary().contains("The 2 listed address(es) are in this thread, up to 10 per reply"), s.summary());
      assertTrue(s.summary().contains("Every address was checked on every list."), s.summary());
      assertTrue(s.summary().contains("Spamhaus ZEN (zen.spamhaus.org), SpamCop (bl.spamcop.net)"), "the lists used: " + s.summary());
      assertEquals(1, s.replies().size(), "two addresses fit in one reply: " + s.thread());
      String reply = s.replies().get(0);
      assertEquals(List.of("192.0.2.5", "192.0.2.9"), addresses(s.thread()), s.thread());
      assertTrue(reply.contains("Spamhaus ZEN (zen.spamhaus.org): 127.0.0.4 is XBL: the IP is infected or runs an open proxy"), reply);
      assertTrue(reply.contains("SpamCop (bl.spamcop.net): 127.0.0.2: SpamCop users reported spam from the IP"), reply);
      assertTrue(reply.contains("delisting: <https://check.spamhaus.org/|"), reply);
      assertTrue(reply.contains("delisting: <https://www.spamcop.net/bl.shtml|"), reply);
      // The fallback text carries the CLI's lines.
      assertTrue(reply.contains("192.0.2.9  SpamCop (bl.spamcop.net): 127.0.0.2: SpamCop users reported spam from the IP  https://www.spamcop.net/bl.shtml"),
          reply);
      Eventually.await(() -> h.bot.metrics().runsCompleted.sum() == 1, WAIT, "the scan counted as a completed run");
      assertEquals(1, h.bot.metrics().runsStarted.sum());

      h.slack.locale("UKO", "ko-KR");
      h.command("scan 192.0.2.0/28", "UKO", "C2", h.newResponseUrl());
      LoopbackSlack.Call koRunning = h.slack.await("chat.postMessage", c -> "C2".equals(c.get("channel")), 1, WAIT).get(0);
      assertTrue(koRunning.get("text").startsWith("<@UKO> 님의 요청으로 192.0.2.0/28을 차단 목록 2곳에서 조회하는 중입니다(주소 16개)."),
          koRunning.get("text"));
      Scan ko = awaitScan(h.slack, "C2");
      assertTrue(ko.summary().contains("192.0.2.0/28 범위의 주소 16개를 차단 목록 2곳에서"), ko.summary());
      assertTrue(ko.summary().contains("등재된 주소: 2개."), ko.summary());
      assertTrue(ko.summary().contains("모든 주소를 모든 목록에서 확인했습니다."), ko.summary());
      assertEquals(List.of("192.0.2.5", "192.0.2.9"), addresses(ko.thread()), ko.thread());
      assertTrue(ko.thread().contains("127.0.0.4 응답은 XBL"), ko.thread());
      assertTrue(ko.thread().contains("해제 요청: <https://check.spamhaus.org/|"), ko.thread());
      assertFalse(ko.thread().contains("delisting") || ko.summary().contains("Scanned"), "all in Korean: " + ko.summary() + ko.thread());
    }
  }

  @Test
  void nothingListedIsSaidInTheSummaryWithNoRepliesAndADirectMessageScansToo() throws Exception {
    try (BotHarness h = BotHarness.start(world(), twoLists(24))) {
      h.directMessage("U3", "scan 192.0.2.16/29");
      Scan s = awaitScan(h.slack, "DU3");
      assertTrue(s.summary().contains("Scanned 192.0.2.16/29 in") && s.summary().contains("(addresses: 8, lists: 2)"), s.summary());
      assertTrue(s.summary().contains("No address of 192.0.2.16/29 is listed on the lists that answered."), s.summary());
      assertEquals(List.of(), s.replies(), "no empty replies");
    }
  }

  @Test
  void aRefusingListIsNamedInTheSummaryAndNoAddressIsCalledListed() throws Exception {
    // Spamhaus answers the test points with 127.255.255.254: it refuses the resolver, so it is not used.
    String refusing = BlockLists.testPointRecords().lines().filter(l -> !l.contains("zen.spamhaus.org")).reduce("", (a, b) -> a + b + "\n")
        + "2.0.0.127.zen.spamhaus.org. A 127.255.255.254\n1.0.0.127.zen.spamhaus.org. A 127.255.255.254\n"
        + "5.2.0.192.zen.spamhaus.org. A 127.0.0.4\n";
    try (BotHarness h = BotHarness.start(new DnsWorld().records(refusing), twoLists(24))) {
      h.command("scan 192.0.2.0/28", "U1", "C1", h.newResponseUrl());
      Scan s = awaitScan(h.slack, "C1");
      assertTrue(s.summary().contains("Spamhaus ZEN (zen.spamhaus.org): not used: it refused the test question (answer 127.255.255.254)"),
          s.summary());
      assertTrue(s.summary().contains("; listed: 0."), s.summary());
      assertTrue(s.summary().contains("an address not printed is not necessarily clean"), s.summary());
      assertEquals(List.of(), s.replies(), "no address is called listed: " + s.thread());
      assertFalse(s.summary().contains("192.0.2.5"), s.summary());
    }
  }

  @Test
  void aScanPastTheRunDeadlineIsCutPostsWhatItFoundAndSaysSo() throws Exception {
    // SpamCop never answers about an address (its test points do): every address waits out its timeouts.
    DnsWorld slow = new DnsWorld().records(BlockLists.testPointRecords()).records("5.0.0.192.zen.spamhaus.org. A 127.0.0.4\n")
        .fault(n -> n.toString().endsWith(".bl.spamcop.net.") && !n.toString().contains(".0.0.127."), Fault.TIMEOUT);
    try (BotHarness h = BotHarness.start(slow, twoLists(20).andThen(s -> s.withRunTimeout(Duration.ofSeconds(2)))::apply)) {
      h.command("scan 192.0.0.0/20", "U1", "C1", h.newResponseUrl());
      // The summary itself is the signal: it says the deadline cut the scan and how far it got.
      Scan s = awaitScan(h.slack, "C1");
      assertTrue(s.summary().contains("The scan was cut at the bot's deadline of 2 s"), s.summary());
      Matcher cut = Pattern.compile("The scan stopped after (\\d+) of the 4096 addresses of 192.0.0.0/20").matcher(s.summary());
      assertTrue(cut.find(), s.summary());
      assertTrue(Integer.parseInt(cut.group(1)) < 4096, s.summary());
      assertTrue(s.summary().contains("Not every address could be checked"), s.summary());
      assertTrue(s.thread().contains("192.0.0.5"), "what it found before the deadline is in the thread: " + s.thread());
    }
  }

  @Test
  void aRangeTooWideOrMalformedIsOneSentenceAndARangeInACheckPointsToTheScan() throws Exception {
    try (BotHarness h = BotHarness.start(world(), UnaryOperator.identity())) {
      String wide = h.newResponseUrl();
      h.command("scan 10.0.0.0/23", "U1", "C1", wide);
      assertEquals("10.0.0.0/23 holds 512 addresses; in Slack a scan covers at most a /24 (256 addresses) at a time: scan a narrower range,"
          + " or a wider one with mailcheck scan on a command line.", answer(h, wide));
      h.slack.locale("UKO", "ko-KR");
      String wideKo = h.newResponseUrl();
      h.command("scan 10.0.0.0/23", "UKO", "C1", wideKo);
      assertEquals("10.0.0.0/23은 주소가 512개인 대역입니다. Slack에서는 한 번에 /24(주소 256개)까지만 스캔할 수 있으니 대역을 좁히거나,"
          + " 더 넓은 대역은 명령줄에서 mailcheck scan으로 스캔하세요.", answer(h, wideKo));
      String bad = h.newResponseUrl();
      h.command("scan 192.0.2.0/33", "U1", "C1", bad);
      assertEquals("'192.0.2.0/33' is not an address range; give one in CIDR form, e.g. 198.51.100.0/24 or 2001:db8::/120.", answer(h, bad));
      String two = h.newResponseUrl();
      h.command("scan 192.0.2.0/25 192.0.2.128/25", "U1", "C1", two);
      assertEquals("'192.0.2.0/25 192.0.2.128/25' is not an address range; give one in CIDR form, e.g. 198.51.100.0/24 or 2001:db8::/120.",
          answer(h, two));
      String empty = h.newResponseUrl();
      h.command("scan", "U1", "C1", empty);
      assertEquals("Give the range after the command, e.g. `/mailcheck scan 198.51.100.0/24`.", answer(h, empty));
      String check = h.newResponseUrl();
      h.command("198.51.100.0/24", "U1", "C1", check);
      assertEquals("'198.51.100.0/24' is an address range; check one address at a time, e.g. 198.51.100.0, or look up the whole range on"
          + " the blocklists with `/mailcheck scan 198.51.100.0/24`.", answer(h, check));
      assertEquals(List.of(), h.slack.calls("chat.postMessage"), "nothing posted in a channel");
    }
  }

  @Test
  void scansCountAgainstTheUsersRunLimit() throws Exception {
    try (BotHarness h = BotHarness.start(world(), twoLists(24).andThen(s -> s.withLimits(8, 64, 1, Duration.ofMinutes(10)))::apply)) {
      h.command("scan 192.0.2.0/28", "U9", "C9", h.newResponseUrl());
      awaitScan(h.slack, "C9");
      String second = h.newResponseUrl();
      h.command("scan 192.0.2.0/28", "U9", "C9", second);
      assertTrue(answer(h, second).startsWith("You have reached the limit of 1 check(s) per 600 s"), answer(h, second));
    }
  }

  @Test
  void aScanCutShortByStoppingSaysSoInItsThreadAndItsFirstMessage() throws Exception {
    DnsWorld slow = new DnsWorld().records(BlockLists.testPointRecords())
        .fault(n -> n.toString().endsWith(".bl.spamcop.net.") && !n.toString().contains(".0.0.127."), Fault.TIMEOUT);
    try (BotHarness h = BotHarness.start(slow, twoLists(24).andThen(s -> s.withRunTimeout(Duration.ofSeconds(20)))::apply)) {
      h.command("scan 192.0.2.0/24", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call posted = h.slack.await("chat.postMessage", c -> "C1".equals(c.get("channel")), 1, WAIT).get(0);
      h.bot.shutdown(Duration.ofMillis(300));
      LoopbackSlack.Call note = h.slack.await("chat.postMessage",
          c -> posted.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("interrupted"), 1, WAIT).get(0);
      assertEquals("This scan was interrupted because mailcheck is restarting; ask again in a minute.", note.get("text"));
      LoopbackSlack.Call update = h.slack.await("chat.update", c -> posted.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
      String first = String.join("\n", LoopbackSlack.texts(update));
      assertTrue(first.contains("This scan was interrupted"), first);
      assertEquals(1L, h.bot.metrics().runsInterrupted.sum());
      Eventually.await(() -> h.bot.activeRuns() == 0, WAIT, "the interrupted scan ended");
      assertEquals(1, h.slack.calls("chat.update", c -> posted.get("ts").equals(c.get("ts"))).size(), "no summary after the interruption");
    }
  }

  @Test
  void repliesGoOutTenAddressesEachInOrderAndOnceThroughA429AndA503() throws Exception {
    StringBuilder many = new StringBuilder(BlockLists.testPointRecords());
    for (int i = 1; i <= 25; i++) {
      many.append(i).append(".2.0.192.bl.spamcop.net. A 127.0.0.2\n");
    }
    try (BotHarness h = BotHarness.start(new DnsWorld().records(many.toString()), twoLists(24))) {
      h.slack.rateLimit("chat.postMessage", 1, p -> p.get("thread_ts") != null);
      h.slack.failHttp("chat.postMessage", 1, 503, p -> p.get("thread_ts") != null);
      h.command("scan 192.0.2.0/27", "U1", "C1", h.newResponseUrl());
      Scan s = awaitScan(h.slack, "C1");
      assertTrue(s.summary().contains("; listed: 25."), s.summary());
      assertEquals(3, s.replies().size(), s.thread());
      // Each address heads its own section, in bold.
      Pattern heading = Pattern.compile("\\*(192\\.0\\.2\\.\\d+)\\*");
      List<String> each = s.replies().stream().flatMap(r -> heading.matcher(r).results().map(m -> m.group(1))).toList();
      assertEquals(25, each.size(), "every address once: " + s.thread());
      assertEquals(25, each.stream().distinct().count(), s.thread());
      assertEquals(List.of(10, 10, 5), s.replies().stream().map(r -> (int) heading.matcher(r).results().count()).toList());
      assertEquals(1, h.slack.rateLimitedAnswers());
      for (LoopbackSlack.Call c : h.slack.calls("chat.postMessage", c -> "C1".equals(c.get("channel")))) {
        assertTrue(c.get("metadata").contains("\"event_type\":\"mailcheck_post\""), c.get("metadata"));
      }
    }
  }
}
