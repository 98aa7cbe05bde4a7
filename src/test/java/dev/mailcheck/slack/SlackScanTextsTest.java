package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.dnsbl.BlockList;
import dev.mailcheck.dnsbl.BlockLists;
import dev.mailcheck.dnsbl.Health;
import dev.mailcheck.dnsbl.ListAnswer;
import dev.mailcheck.dnsbl.Lookup;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.target.InputException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the Slack scan that need no Slack: the command word, its setting, help and App Home, replies within Slack's limits. */
class SlackScanTextsTest {
  @Test
  void theScanWordIsTheFirstWordInEnglishOrKorean() {
    assertTrue(ScanRequests.asksForScan("scan 198.51.100.0/24"));
    assertTrue(ScanRequests.asksForScan("  SCAN 198.51.100.0/24"));
    assertTrue(ScanRequests.asksForScan("스캔 198.51.100.0/24"));
    assertTrue(ScanRequests.asksForScan("scan"));
    assertFalse(ScanRequests.asksForScan("scan.example.com"));
    assertFalse(ScanRequests.asksForScan("example.com scan"));
  }

  @Test
  void theWidestRangeSettingIsAPrefixLengthFrom16To32() {
    assertEquals(24, ScanSettings.from(Map.<String, String>of()::get).maxPrefix());
    assertEquals(22, ScanSettings.from(Map.of("MAILCHECK_SLACK_SCAN_MAX_PREFIX", "22")::get).maxPrefix());
    assertEquals(28, ScanSettings.from(Map.of("MAILCHECK_SLACK_SCAN_MAX_PREFIX", "/28")::get).maxPrefix());
    for (String bad : List.of("15", "33", "abc", "-1", "24.5")) {
      InputException e = assertThrows(InputException.class, () -> ScanSettings.from(Map.of("MAILCHECK_SLACK_SCAN_MAX_PREFIX", bad)::get));
      assertEquals("MAILCHECK_SLACK_SCAN_MAX_PREFIX '" + bad + "' is not a prefix length from 16 to 32; give e.g. 24 (a /24, 256 addresses).",
          e.getMessage());
    }
    InputException ko = assertThrows(InputException.class, () -> ScanSettings.from(Map.of("MAILCHECK_SLACK_SCAN_MAX_PREFIX", "8")::get));
    assertEquals("MAILCHECK_SLACK_SCAN_MAX_PREFIX 값이 16부터 32까지의 접두사 길이가 아닙니다(입력 값: '8'). 예: 24 (/24, 주소 256개)",
        ko.text(Messages.of(Lang.KO)));
    assertEquals(List.of("bl.spamcop.net"),
        ScanSettings.from(Map.of("MAILCHECK_DNSBL", "bl.spamcop.net")::get).lists().lists().stream().map(BlockList::display).toList());
  }

  @Test
  void helpAndTheAppHomeNameTheScanCommand() {
    for (Lang lang : Lang.values()) {
      SlackRenderer r = new SlackRenderer(lang, "/mailcheck");
      String help = String.join("\n", Blocks.texts(r.help(null).blocksJson()));
      assertTrue(help.contains("`/mailcheck scan 198.51.100.0/24`"), help);
      assertTrue(r.home(List.of()).contains("/mailcheck scan 198.51.100.0/24"), lang.toString());
    }
  }

  @Test
  void manyListedAddressesAreSpreadOverRepliesWithinSlacksLimitsAndNoneIsLeftOut() throws Exception {
    BlockList zen = BlockLists.named(List.of("zen.spamhaus.org")).lists().get(0);
    List<ScanMessages.Listed> found = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      InetAddress ip = InetAddress.getByName("198.51.100." + i);
      ListAnswer xbl = new ListAnswer.Listed(List.of(new ListAnswer.Hit("127.0.0.4", zen.code(0x7f000004))));
      found.add(new ScanMessages.Listed(ip, List.of(new Lookup(zen, ip.getHostAddress(), zen.queryName(ip), new Health.Healthy(), xbl, null,
          List.of()))));
    }
    List<SlackMessage> replies = new ScanMessages(new SlackRenderer(Lang.EN, "/mailcheck")).listed(found);
    assertTrue(replies.size() > 1, "200 addresses do not fit one message");
    int shown = 0;
    for (SlackMessage m : replies) {
      List<String> texts = Blocks.texts(m.blocksJson());
      assertTrue(Blocks.JSON.readTree(m.blocksJson()).size() <= Blocks.MAX_BLOCKS);
      assertTrue(texts.stream().mapToInt(String::length).sum() <= Blocks.MESSAGE_TEXT);
      shown += (int) texts.stream().filter(t -> t.startsWith("*198.51.100.")).count();
      assertTrue(m.text().length() <= Blocks.PLAIN_TEXT);
    }
    assertEquals(200, shown);
  }
}
