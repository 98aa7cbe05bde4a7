package dev.mailcheck.slack;

import dev.mailcheck.testing.Areas;
import dev.mailcheck.bench.LoopbackSlack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bot in HTTP mode, end to end: signed requests in, Web API calls out, all on loopback. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class SlackHttpModeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static LoopbackSlack.Call parent(LoopbackSlack slack, String channel) throws InterruptedException {
    return slack.await("chat.postMessage", c -> channel.equals(c.get("channel")) && c.get("thread_ts") == null, 1, WAIT).get(0);
  }

  private static LoopbackSlack.Call verdict(LoopbackSlack slack, LoopbackSlack.Call parent) throws InterruptedException {
    return slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
  }

  private static List<LoopbackSlack.Call> replies(LoopbackSlack slack, LoopbackSlack.Call parent) {
    return slack.calls("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")));
  }

  @Test
  void signedCommandPostsParentThreadRepliesPerAreaAndTheVerdict() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      HttpResponse<String> ack = h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      assertEquals(200, ack.statusCode());

      LoopbackSlack.Call parent = parent(h.slack, "C1");
      assertEquals("Checking no-ptr.example.net for <@U1>…", parent.get("text"));
      LoopbackSlack.Call update = verdict(h.slack, parent);

      List<LoopbackSlack.Call> replies = replies(h.slack, parent);
      // Six areas ran (PTR in "Sending IPs", SPF, DKIM, DMARC, MX in "Inbound and transport", then readiness): one reply each.
      assertEquals(Areas.ofDomainRun(), replies.size(), "one reply per area");
      String all = String.join("\n", replies.stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("`ptr.missing`"), all);
      assertTrue(all.contains("`mx.ok`"), all);
      assertTrue(all.contains("`spf.ok`"), all);
      // The transport and brand checks answer in the transport reply: none of them is published there.
      assertTrue(all.contains("`mtasts.missing`") && all.contains("`tlsrpt.missing`") && all.contains("`bimi.missing`"), all);
      assertTrue(all.contains("_mta-sts.no-ptr.example.net"), "the fix names the record: " + all);
      assertTrue(all.contains("Sending IPs"), all);
      assertTrue(all.contains("Inbound and transport"), all);
      assertTrue(all.contains("`readiness.naver`") && all.contains("[missed] a PTR that resolves back to the sending IP"), all);
      assertTrue(all.contains("*Fix:*"), "the fix is shown: " + all);
      assertTrue(all.contains("<https://support.google.com/mail/answer/81126|Gmail: email sender guidelines>"), "links are shown: " + all);
      assertTrue(all.contains("```"), "evidence as code: " + all);
      // Every reply was posted before the verdict replaced the parent.
      replies.forEach(r -> assertTrue(r.atNanos() < update.atNanos()));

      assertEquals("C1", update.get("channel"));
      String v = String.join("\n", LoopbackSlack.texts(update));
      assertTrue(v.contains("Problems that cause rejection or spam-foldering"), v);
      assertTrue(v.contains("`ptr.missing`"), "top problems: " + v);
      JsonNode actions = null;
      for (JsonNode b : LoopbackSlack.blocks(update)) {
        if (b.path("type").asText().equals("actions")) {
          actions = b;
        }
      }
      assertTrue(actions != null, "the verdict has buttons");
      assertEquals(SlackRenderer.ACTION_RERUN, actions.path("elements").get(0).path("action_id").asText());
      assertEquals("no-ptr.example.net", actions.path("elements").get(0).path("value").asText());
      assertEquals(SlackRenderer.ACTION_DNS, actions.path("elements").get(1).path("action_id").asText());
      assertTrue(h.slack.calls("response_url").isEmpty(), "nothing ephemeral on success");
    }
  }

  @Test
  void badOrStaleSignaturesAreRefusedWith401AndNothingRuns() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      String body = BotHarness.commandBody("example.com", "U1", "C1", h.newResponseUrl());
      HttpResponse<String> wrongSecret = h.post(body, "application/x-www-form-urlencoded", "not-the-secret", BotHarness.now());
      assertEquals(401, wrongSecret.statusCode());
      HttpResponse<String> stale = h.post(body, "application/x-www-form-urlencoded", BotHarness.SECRET, BotHarness.now() - 600);
      assertEquals(401, stale.statusCode());
      // A signed command after them is answered: by then the refused ones would have shown.
      h.command("help", "U2", "C2", h.newResponseUrl());
      h.slack.await("response_url", c -> true, 1, WAIT);
      assertTrue(h.slack.calls("chat.postMessage").isEmpty());
      assertEquals(1, h.slack.calls("response_url").size(), "only the help");
      assertEquals(2L, h.bot.metrics().badSignatures.sum());
    }
  }

  @Test
  void helpAndUnknownWordsAnswerEphemerallyWithUsage() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("help", "U1", "C1", h.newResponseUrl());
      h.command("status", "U1", "C1", h.newResponseUrl());
      List<LoopbackSlack.Call> answers = h.slack.await("response_url", c -> true, 2, WAIT);
      for (LoopbackSlack.Call a : answers) {
        assertEquals("ephemeral", a.get("response_type"));
        String t = String.join("\n", LoopbackSlack.texts(a));
        boolean selectors = dev.mailcheck.check.Checks.readsSelectors();
        assertTrue(t.contains("/mailcheck TARGET [from IP] [helo NAME]" + (selectors ? " [selector S]" : "") + " [private]"), t);
        assertTrue(t.contains("/mailcheck example.com from 203.0.113.5"), "examples: " + t);
        // Help names only what this build does: the areas of the registered checks, a DKIM selector
        // only while a check reads one, and the range scan.
        java.util.Set<dev.mailcheck.report.Area> areas = new java.util.HashSet<>();
        dev.mailcheck.check.Checks.standard().forEach(c -> areas.add(c.area()));
        assertTrue(t.contains("one reply per area (sending IPs, SPF"), t);
        assertEquals(areas.contains(dev.mailcheck.report.Area.DMARC), t.contains("DMARC"), t);
        assertEquals(areas.contains(dev.mailcheck.report.Area.READINESS), t.contains("readiness"), t);
        assertTrue(t.contains("/mailcheck scan 198.51.100.0/24"), t);
        assertFalse(t.contains("and more"), t);
      }
      assertTrue(answers.stream().anyMatch(a -> a.get("text").contains("I did not understand \"status\"")));
      assertTrue(h.slack.calls("chat.postMessage").isEmpty(), "nothing in the channel");
    }
  }

  @Test
  void badTargetGetsOneEphemeralSentenceAndNothingInTheChannel() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAllowPrivate(false))) {
      h.command("exa..mple.com", "U1", "C1", h.newResponseUrl());
      h.command("example.com from 10.0.0.1", "U1", "C1", h.newResponseUrl());
      List<LoopbackSlack.Call> answers = h.slack.await("response_url", c -> true, 2, WAIT);
      assertTrue(answers.stream().anyMatch(a -> a.get("text").startsWith("'exa..mple.com' has an empty label")),
          answers.toString());
      assertTrue(answers.stream().anyMatch(a -> a.get("text").contains("'10.0.0.1' is a private address")), answers.toString());
      answers.forEach(a -> assertFalse(a.get("text").contains("\n"), "one line"));
      // Each refusal is decided before a run could start, so with both answered nothing will follow.
      assertTrue(h.slack.calls("chat.postMessage").isEmpty());
    }
  }

  @Test
  void slackLinkFormsAndAddressesAreUnwrapped() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("<http://example.com|example.com>", "U1", "C1", h.newResponseUrl());
      h.command("<mailto:postmaster@example.com|postmaster@example.com>", "U2", "C2", h.newResponseUrl());
      assertEquals("Checking example.com for <@U1>…", parent(h.slack, "C1").get("text"));
      assertEquals("Checking example.com for <@U2>…", parent(h.slack, "C2").get("text"));
      verdict(h.slack, parent(h.slack, "C1"));
      verdict(h.slack, parent(h.slack, "C2"));
    }
  }

  @Test
  void domainFromIpChecksThatIpAndSaysSoInTheParent() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("example.com from 192.0.2.10", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      assertEquals("Checking example.com as sent from 192.0.2.10 for <@U1>…", parent.get("text"));
      LoopbackSlack.Call update = verdict(h.slack, parent);
      String v = String.join("\n", LoopbackSlack.texts(update));
      assertTrue(v.contains("Sending IP: 192.0.2.10"), v);
      String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("`ptr.ok` 192.0.2.10"), all);
    }
  }

  @Test
  void notInChannelFallsBackToAnEphemeralInviteNoteAndADirectMessageThread() throws Exception {
    for (String error : List.of(SlackCallException.NOT_IN_CHANNEL, SlackCallException.CHANNEL_NOT_FOUND)) {
      try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
        h.slack.failChannel("G1", error);
        h.command("no-ptr.example.net", "U7", "G1", h.newResponseUrl());
        LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
        assertEquals("ephemeral", note.get("response_type"));
        assertTrue(note.get("text").contains("/invite <@UBOT>"), note.get("text"));
        assertTrue(note.get("text").contains(error), note.get("text"));
        LoopbackSlack.Call open = h.slack.await("conversations.open", c -> true, 1, WAIT).get(0);
        assertEquals("U7", open.get("users"));
        LoopbackSlack.Call parent = parent(h.slack, "DU7");
        LoopbackSlack.Call update = verdict(h.slack, parent);
        assertEquals("DU7", update.get("channel"));
        String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
        assertTrue(all.contains("`ptr.missing`"), "the full results are in the DM thread: " + all);
        assertEquals(1L, h.bot.metrics().dmFallbacks.sum());
      }
    }
  }

  @Test
  void privateOptionAlwaysAnswersInADirectMessage() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("example.com private", "U3", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "DU3");
      verdict(h.slack, parent);
      assertTrue(h.slack.calls("chat.postMessage", c -> "C1".equals(c.get("channel"))).isEmpty(), "nothing in the channel");
      LoopbackSlack.Call note = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(note.get("text").contains("direct message"), note.get("text"));
    }
  }

  @Test
  void koreanLocaleGetsKoreanMessagesAndFindings() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.command("no-ptr.example.net", "UKO", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      assertEquals("<@UKO> 님의 요청으로 no-ptr.example.net 점검 중…", parent.get("text"));
      LoopbackSlack.Call update = verdict(h.slack, parent);
      String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("발송 IP"), all);
      assertTrue(all.contains("*조치:*"), all);
      assertTrue(all.contains("PTR"), all);
      assertFalse(all.contains("has no PTR record"), "finding texts are Korean too: " + all);
      // The fix names the mail host the run found, with particles that fit it.
      assertTrue(all.contains("PTR을 mail.no-ptr.example.net으로 설정해 달라고 요청하세요"), all);
      assertTrue(all.contains("https://dms.kornet.net/reverse"), "KT's PTR request page: " + all);
      for (String clumsy : List.of("(으)", "(를)", "(가)", "(이)", "(은)", "(는)", "다음(DXNS", "증거")) {
        assertFalse(all.contains(clumsy), clumsy + " in " + all);
      }
      String v = String.join("\n", LoopbackSlack.texts(update));
      assertTrue(v.contains("수신 거부나 스팸함 분류의 원인이 있습니다"), v);
      assertTrue(v.contains("다시 점검") && v.contains("DNS 질의 보기") || update.get("blocks").contains("다시 점검"), v);
      assertTrue(List.of("1", "true").contains(h.slack.calls("users.info").get(0).get("include_locale")));
    }
  }

  @Test
  void spfFindingsGetTheirOwnThreadReplyInEnglishAndKorean() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.command("two-spf.example.net", "UEN", "C1", h.newResponseUrl());
      h.command("two-spf.example.net", "UKO", "C2", h.newResponseUrl());
      for (String channel : List.of("C1", "C2")) {
        LoopbackSlack.Call parent = parent(h.slack, channel);
        LoopbackSlack.Call update = verdict(h.slack, parent);
        List<String> spfReplies = replies(h.slack, parent).stream()
            .map(c -> String.join("\n", LoopbackSlack.texts(c)))
            .filter(t -> t.contains("`spf.multiple`"))
            .toList();
        assertEquals(1, spfReplies.size(), "one SPF reply in " + channel);
        String spf = spfReplies.get(0);
        assertFalse(spf.contains("`ptr.") || spf.contains("`mx."), "the SPF reply holds only SPF findings: " + spf);
        assertTrue(spf.contains("two-spf.example.net TXT \"v=spf1 mx -all\""), "evidence: " + spf);
        if (channel.equals("C1")) {
          assertTrue(spf.contains("publishes 2 SPF records"), spf);
          assertTrue(spf.contains("Merge them into a single TXT record"), spf);
        } else {
          assertTrue(spf.contains("SPF 레코드가 2개 있습니다"), spf);
          assertTrue(spf.contains("하나로 합치세요"), spf);
        }
        assertTrue(String.join("\n", LoopbackSlack.texts(update)).contains("spf.multiple"), "top problems name it");
      }
    }
  }

  @Test
  void dkimAndDmarcFindingsGetTheirOwnThreadRepliesInEnglishAndKorean() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      // The selector as one word, the way the issue writes it.
      h.command("partial.example selector=google selector=default", "UEN", "C1", h.newResponseUrl());
      h.command("partial.example selector=google selector=default", "UKO", "C2", h.newResponseUrl());
      for (String channel : List.of("C1", "C2")) {
        LoopbackSlack.Call parent = parent(h.slack, channel);
        verdict(h.slack, parent);
        List<String> texts = replies(h.slack, parent).stream().map(c -> String.join("\n", LoopbackSlack.texts(c))).toList();
        List<String> dmarc = texts.stream().filter(t -> t.contains("`dmarc.rua-unauthorized`")).toList();
        List<String> dkim = texts.stream().filter(t -> t.contains("`dkim.testing`")).toList();
        assertEquals(1, dmarc.size(), "one DMARC reply in " + channel + ": " + texts);
        assertEquals(1, dkim.size(), "one DKIM reply in " + channel + ": " + texts);
        String m = dmarc.get(0);
        String k = dkim.get(0);
        assertFalse(m.contains("`dkim.") || m.contains("`spf.") || m.contains("`mx."), "the DMARC reply holds only DMARC findings: " + m);
        assertFalse(k.contains("`dmarc.") || k.contains("`spf."), "the DKIM reply holds only DKIM findings: " + k);
        assertTrue(m.contains("`dmarc.pct-partial`"), m);
        // The fix names the exact record to publish.
        assertTrue(m.contains("partial.example._report._dmarc.dmarc-vendor.example. TXT \"v=DMARC1\""), m);
        assertTrue(k.contains("`dkim.ok`") && k.contains("`dkim.key-revoked`"), k);
        assertTrue(k.contains("google._domainkey.partial.example"), "evidence: " + k);
        if (channel.equals("C1")) {
          assertTrue(m.contains("DMARC") && m.contains("has not agreed to receive them"), m);
          assertTrue(k.contains("publishes a usable DKIM key: RSA, 2048 bits"), k);
        } else {
          assertTrue(m.contains("수신 동의 레코드가 없어서"), m);
          assertTrue(k.contains("사용할 수 있는 DKIM 키가 있습니다: RSA, 2048비트"), k);
        }
      }
    }
  }

  @Test
  void aDomainThatDoesNotExistIsOneFindingInItsAreaInEnglishAndKorean() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.command("exmaple.com", "UEN", "C1", h.newResponseUrl());
      h.command("exmaple.com", "UKO", "C2", h.newResponseUrl());
      for (String channel : List.of("C1", "C2")) {
        LoopbackSlack.Call parent = parent(h.slack, channel);
        LoopbackSlack.Call update = verdict(h.slack, parent);
        String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
        assertTrue(all.contains("`domain.nonexistent`"), all);
        assertFalse(all.contains("spf.missing") || all.contains("mx.missing"), "no cascade of missing records: " + all);
        assertTrue(all.contains(channel.equals("C1")
            ? "exmaple.com does not exist in DNS (NXDOMAIN)" : "exmaple.com은 DNS에 없는 도메인입니다(NXDOMAIN)."), all);
        assertTrue(String.join("\n", LoopbackSlack.texts(update)).contains("domain.nonexistent"), "top problems name it");
      }
    }
  }

  @Test
  void mismatchedPtrFixNamesTheMailHostFirst() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("mismatch.example.org", "UEN", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      verdict(h.slack, parent);
      String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("Ask the IP's holder to change the PTR of 198.51.100.30 to mx.mismatch.example.org"), all);
      assertTrue(all.contains("https://postmaster.google.com"), all);
    }
  }

  @Test
  void transportAndBrandFindingsAreInKoreanForAKoreanUser() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.command("no-ptr.example.net", "UKO", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      verdict(h.slack, parent);
      String all = String.join("\n", replies(h.slack, parent).stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("`mtasts.missing`") && all.contains("no-ptr.example.net에 MTA-STS 레코드가 없습니다."), all);
      assertTrue(all.contains("`tlsrpt.missing`") && all.contains("no-ptr.example.net에 TLS-RPT 레코드가 없어서"), all);
      assertTrue(all.contains("`bimi.missing`"), all);
      assertTrue(all.contains("_mta-sts.no-ptr.example.net"), "the fix names the record: " + all);
    }
  }

  @Test
  void blocklistFindingsShowInTheSendingIpsReplyInEnglishAndKorean() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.slack.locale("UKO", "ko-KR");
      h.command("listed.example.net", "UEN", "C1", h.newResponseUrl());
      h.command("listed.example.net", "UKO", "C2", h.newResponseUrl());
      h.command("refused.example.org", "UEN", "C3", h.newResponseUrl());
      for (String channel : List.of("C1", "C2")) {
        LoopbackSlack.Call parent = parent(h.slack, channel);
        verdict(h.slack, parent);
        String ips = replies(h.slack, parent).stream().map(c -> String.join("\n", LoopbackSlack.texts(c)))
            .filter(t -> t.contains("`dnsbl.listed`")).findFirst().orElseThrow(() -> new AssertionError("no DNSBL reply in " + channel));
        assertTrue(ips.contains("`ptr.ok`") && ips.contains("`dbl.listed`"), "one reply for the sending-ips area: " + ips);
        assertTrue(ips.contains("https://check.spamhaus.org") && ips.contains("https://www.spamcop.net/bl.shtml"), "delisting links: " + ips);
        assertTrue(ips.contains(channel.equals("C1") ? "127.0.0.3 is CSS" : "127.0.0.3 응답은 CSS"), ips);
      }
      LoopbackSlack.Call parent = parent(h.slack, "C3");
      verdict(h.slack, parent);
      String refused = replies(h.slack, parent).stream().map(c -> String.join("\n", LoopbackSlack.texts(c)))
          .filter(t -> t.contains("`dnsbl.query-refused`")).findFirst().orElseThrow();
      assertTrue(refused.contains("your resolver is a public or open one"), refused);
      assertFalse(refused.contains("`dnsbl.listed`"), "a refusal is never a listing: " + refused);
    }
  }

  @Test
  void mailcheckLangKoAnswersEveryoneInKorean() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLang(dev.mailcheck.playbook.Lang.KO))) {
      h.command("help", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call a = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(String.join("\n", LoopbackSlack.texts(a)).contains("사용법"), a.toString());
    }
  }

  @Test
  void rateLimitedPostsAreRetriedAfterRetryAfterAndNothingIsLost() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      // The next three thread replies are answered 429 Retry-After: 1.
      h.slack.rateLimit("chat.postMessage", 3, p -> p.get("thread_ts") != null);
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      verdict(h.slack, parent);
      assertEquals(3, h.slack.rateLimitedAnswers());
      List<LoopbackSlack.Call> replies = replies(h.slack, parent);
      assertEquals(Areas.ofDomainRun(), replies.size(), "one reply per area");
      String all = String.join("\n", replies.stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      assertTrue(all.contains("`ptr.missing`") && all.contains("`mx.ok`") && all.contains("`spf.ok`"), all);
      assertEquals(3L, h.bot.metrics().rateLimited.sum());
      assertEquals(0L, h.bot.metrics().failedCalls.sum());
    }
  }

  @Test
  void twentySimultaneousCommandsAllComplete() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLimits(8, 64, 5, Duration.ofMinutes(1)))) {
      h.world.latency(Duration.ofMillis(50));
      List<Thread> senders = new java.util.ArrayList<>();
      java.util.Set<Integer> statuses = java.util.concurrent.ConcurrentHashMap.newKeySet();
      for (int i = 0; i < 20; i++) {
        int n = i;
        senders.add(Thread.startVirtualThread(() -> {
          try {
            statuses.add(h.command(n % 2 == 0 ? "no-ptr.example.net" : "example.com", "U" + n, "C" + n, h.newResponseUrl()).statusCode());
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      for (Thread t : senders) {
        t.join();
      }
      assertEquals(java.util.Set.of(200), statuses);
      List<LoopbackSlack.Call> updates = h.slack.await("chat.update", c -> true, 20, Duration.ofSeconds(60));
      assertEquals(20, updates.size());
      for (int i = 0; i < 20; i++) {
        LoopbackSlack.Call parent = parent(h.slack, "C" + i);
        assertEquals(Areas.ofDomainRun(), replies(h.slack, parent).size(), "channel C" + i);
      }
      // The counter moves just after the verdict is posted.
      Eventually.await(() -> h.bot.metrics().runsCompleted.sum() == 20, WAIT, "20 runs counted as completed");
    }
  }

  @Test
  void perUserLimitSaysWhenToTryAgain() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLimits(8, 64, 1, Duration.ofMinutes(1)))) {
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      verdict(h.slack, parent(h.slack, "C1"));
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call a = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(a.get("text").matches("You have reached the limit of 1 check\\(s\\) per 60 s; try again in \\d+ s\\."), a.get("text"));
      assertEquals(1, h.slack.calls("chat.postMessage", c -> c.get("thread_ts") == null).size());
    }
  }

  @Test
  void fullPoolTellsTheUserToTryAgain() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withLimits(1, 1, 5, Duration.ofMinutes(1)))) {
      h.world.latency(Duration.ofMillis(400));
      for (int i = 0; i < 4; i++) {
        h.command("example.com", "U" + i, "C" + i, h.newResponseUrl());
      }
      List<LoopbackSlack.Call> busy = h.slack.await("response_url", c -> c.get("text").startsWith("mailcheck is busy"), 1, WAIT);
      assertTrue(busy.get(0).get("text").matches("mailcheck is busy with \\d+ checks right now; try again in \\d+ s\\."), busy.get(0).get("text"));
      assertTrue(h.bot.metrics().refusedBusy.sum() >= 1);
    }
  }

  @Test
  void accessControlRefusesWithTheReason() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withAccess(AccessPolicy.of("#mail-ops,C0MAILOPS", "U1,@lee")))) {
      h.command("example.com", "U9", "C0MAILOPS", h.newResponseUrl());
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      List<LoopbackSlack.Call> refusals = h.slack.await("response_url", c -> true, 2, WAIT);
      assertTrue(refusals.stream().anyMatch(a -> a.get("text").startsWith("You are not on the list of people allowed")), refusals.toString());
      assertTrue(refusals.stream().anyMatch(a -> a.get("text").contains("It can be used in: <#C0MAILOPS>, #mail-ops")), refusals.toString());
      // An allowed user in an allowed channel runs.
      h.command("example.com", "U1", "C0MAILOPS", h.newResponseUrl());
      verdict(h.slack, parent(h.slack, "C0MAILOPS"));
      assertEquals(2L, h.bot.metrics().refusedAccess.sum());
    }
  }

  @Test
  void showDnsQueriesPostsTheTraceInTheThreadAndReRunStartsAgain() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      LoopbackSlack.Call update = verdict(h.slack, parent);
      String runId = null;
      for (JsonNode b : LoopbackSlack.blocks(update)) {
        if (b.path("type").asText().equals("actions")) {
          runId = b.path("elements").get(1).path("value").asText();
        }
      }
      assertEquals(200, h.action(SlackRenderer.ACTION_DNS, runId, "U1", "C1", parent.get("ts"), h.newResponseUrl()).statusCode());
      LoopbackSlack.Call trace = h.slack.await("chat.postMessage",
          c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").startsWith("DNS queries of this run"), 1, WAIT).get(0);
      String t = String.join("\n", LoopbackSlack.texts(trace));
      assertTrue(t.contains("example.com. MX NOERROR"), t);
      assertTrue(t.contains("10.2.0.192.in-addr.arpa. PTR NOERROR"), t);

      assertEquals(200, h.action(SlackRenderer.ACTION_RERUN, "example.com", "U2", "C1", parent.get("ts"), h.newResponseUrl()).statusCode());
      List<LoopbackSlack.Call> parents = h.slack.await("chat.postMessage", c -> "C1".equals(c.get("channel")) && c.get("thread_ts") == null, 2, WAIT);
      assertEquals("Checking example.com for <@U2>…", parents.get(1).get("text"));
      verdict(h.slack, parents.get(1));

      h.action(SlackRenderer.ACTION_DNS, "no-such-run", "U1", "C1", parent.get("ts"), h.newResponseUrl());
      LoopbackSlack.Call expired = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(expired.get("text").contains("no longer kept"), expired.get("text"));
    }
  }

  @Test
  void appHomeShowsUsageExamplesAndRecentChecks() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      verdict(h.slack, parent(h.slack, "C1"));
      assertEquals(200, h.homeOpened("U1").statusCode());
      LoopbackSlack.Call view = h.slack.await("views.publish", c -> true, 1, WAIT).get(0);
      assertEquals("U1", view.get("user_id"));
      JsonNode v = LoopbackSlack.JSON.readTree(view.get("view"));
      assertEquals("home", v.path("type").asText());
      String all = v.toString();
      assertTrue(all.contains("/mailcheck TARGET"), all);
      assertTrue(all.contains("/mailcheck example.com from 203.0.113.5"), all);
      assertTrue(all.contains("*no-ptr.example.net* in <#C1>"), all);
      assertEquals(dev.mailcheck.check.Checks.readsSelectors(), all.contains("selector"), "App Home offers selectors only with a DKIM check: " + all);
    }
  }

  @Test
  void healthzReportsStatusAndCounters() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
      HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + h.http.port() + "/healthz"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      JsonNode j = LoopbackSlack.JSON.readTree(r.body());
      assertEquals("ok", j.path("status").asText());
      assertEquals("http", j.path("mode").asText());
      assertTrue(j.path("stats").has("runs_active"));
      assertTrue(j.path("stats").path("resident_bytes").asLong() > 0);
      HttpResponse<String> m = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + h.http.port() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(m.body().contains("mailcheck_runs_completed_total 0"), m.body());
      HttpResponse<String> get = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.eventsUrl())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(405, get.statusCode());
    }
  }

  @Test
  void stoppingLetsInFlightRunsFinishBeforeReturning() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withShutdownGrace(Duration.ofSeconds(20)))) {
      h.world.latency(Duration.ofMillis(300));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      h.bot.shutdown(Duration.ofSeconds(20));
      // shutdown returned: the run had finished and its verdict was posted.
      assertEquals(1, h.slack.calls("chat.update", c -> parent.get("ts").equals(c.get("ts"))).size());
      assertEquals(1L, h.bot.metrics().runsCompleted.sum());
      h.command("example.com", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call a = h.slack.await("response_url", c -> true, 1, WAIT).get(0);
      assertTrue(a.get("text").contains("restarting"), a.get("text"));
    }
  }

  @Test
  void runsCutShortByStoppingSayInTheirThreadThatTheyWereInterrupted() throws Exception {
    try (BotHarness h = BotHarness.start(s -> s.withRunTimeout(Duration.ofSeconds(10)))) {
      // The PTR answer takes longer than the grace period.
      h.world.latency("20.100.51.198.in-addr.arpa.", Duration.ofSeconds(4));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      h.bot.shutdown(Duration.ofMillis(500));
      LoopbackSlack.Call note = h.slack.await("chat.postMessage",
          c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("interrupted"), 1, WAIT).get(0);
      assertTrue(note.get("text").contains("restarting"), note.get("text"));
      LoopbackSlack.Call update = h.slack.await("chat.update", c -> parent.get("ts").equals(c.get("ts")), 1, WAIT).get(0);
      assertTrue(update.get("text").startsWith("Interrupted"), update.get("text"));
      assertEquals(1L, h.bot.metrics().runsInterrupted.sum());
    }
  }

  /** A domain whose one MX host has {@code n} addresses, none with reverse DNS: n ptr.missing findings. */
  private static dev.mailcheck.dns.server.DnsWorld manyIps(int n) {
    StringBuilder zone = new StringBuilder("big.example. MX 10 mx.big.example.\n");
    for (int i = 1; i <= n; i++) {
      zone.append("mx.big.example. A 198.51.100.").append(i).append('\n');
    }
    return new dev.mailcheck.dns.server.DnsWorld().records(zone.toString());
  }

  @Test
  void longAreasAreSplitAcrossMessagesWithinBlockKitLimitsAndNothingIsLost() throws Exception {
    int n = 60;
    try (BotHarness h = BotHarness.start(manyIps(n), s -> s.withRunTimeout(Duration.ofSeconds(10)))) {
      h.command("big.example", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      verdict(h.slack, parent);
      assertTrue(h.slack.rejected().isEmpty(), "Slack refused nothing: " + h.slack.rejected());
      List<LoopbackSlack.Call> replies = replies(h.slack, parent);
      List<LoopbackSlack.Call> sendingIps = replies.stream().filter(c -> c.get("text").startsWith("Sending IPs")).toList();
      assertTrue(sendingIps.size() > 1, "the area was split: " + sendingIps.size());
      assertTrue(sendingIps.get(0).get("text").startsWith("Sending IPs (1/" + sendingIps.size() + ")"), sendingIps.get(0).get("text"));
      String all = String.join("\n", sendingIps.stream().flatMap(c -> LoopbackSlack.texts(c).stream()).toList());
      for (int i = 1; i <= n; i++) {
        assertTrue(all.contains("`ptr.missing` 198.51.100." + i + "\n"), "finding for 198.51.100." + i);
      }
      assertEquals(0L, h.bot.metrics().plainFallbacks.sum());
    }
  }

  @Test
  void blocksSlackRefusesArePostedAgainAsPlainTextWithNothingLost() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      // Thread replies and the update of the parent (the only call with a "ts") are refused.
      h.slack.refuseBlocks(p -> p.get("thread_ts") != null || p.containsKey("ts"));
      h.command("no-ptr.example.net", "U1", "C1", h.newResponseUrl());
      LoopbackSlack.Call parent = parent(h.slack, "C1");
      h.slack.await("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("ptr.missing"), 1, WAIT);
      LoopbackSlack.Call mx = h.slack.await("chat.postMessage", c -> parent.get("ts").equals(c.get("thread_ts")) && c.get("text").contains("mx.ok"), 1,
          WAIT).get(0);
      assertTrue(mx.get("blocks") == null, "sent as plain text");
      LoopbackSlack.Call update = verdict(h.slack, parent);
      assertEquals("[]", update.get("blocks"), "updated as plain text, the old \"Checking…\" blocks cleared");
      assertEquals(Areas.ofDomainRun() + 1, h.slack.rejected().size(), "each area's reply and the update were refused once each");
      assertTrue(update.get("text").contains("Problems that cause rejection or spam-foldering"), update.get("text"));
      assertTrue(update.get("text").contains("ptr.missing"), update.get("text"));
      assertTrue(h.bot.metrics().plainFallbacks.sum() >= 3);
    }
  }

  @Test
  void anExpiredResponseUrlFallsBackToChatPostEphemeral() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      h.command("help", "U5", "C5", h.slack.responseUrl("expired-1"));
      LoopbackSlack.Call e = h.slack.await("chat.postEphemeral", c -> true, 1, WAIT).get(0);
      assertEquals("C5", e.get("channel"));
      assertEquals("U5", e.get("user"));
      assertTrue(e.get("text").contains("/mailcheck TARGET"), e.get("text"));
    }
  }

  @Test
  void urlVerificationIsAnsweredWithTheChallenge() throws Exception {
    try (BotHarness h = BotHarness.start(UnaryOperator.identity())) {
      String body = "{\"token\":\"legacy\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}";
      HttpResponse<String> r = h.post(body, "application/json", BotHarness.SECRET, BotHarness.now());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("c-123"), r.body());
    }
  }
}
