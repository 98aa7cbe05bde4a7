package dev.mailcheck.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Texts that are NOT in the shared corpus, written for this test from what receivers and RFCs
 * document (codes, tags, hosts, list zones), to show the signatures generalise beyond it.
 */
class BounceVariantsTest {
  static final BounceClassifier CLASSIFIER = BounceClassifier.bundled();

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      gmail        | auth.spf               | -          | 421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk senders to authenticate with SPF. 421 4.7.27 a1b2c3si9 - gsmtp
      gmail        | auth.dkim              | -          | 550-5.7.30 Your email has been blocked because DKIM authentication didn't 550 5.7.30 pass for this message. q9si44 - gsmtp
      gmail        | auth.dmarc             | -          | 550 5.7.40 The sending domain of this message has no DMARC record. Publish one and try again.
      gmail        | ptr.missing            | -          | 421-4.7.23 The sending IP 203.0.113.61 does not have a PTR record, or the forward 421 4.7.23 entry of its PTR name does not match it. x7si2 - gsmtp
      gmail        | reputation.domain      | -          | 550-5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain. 550 5.7.1 k2si8 - gsmtp
      gmail        | tls.required           | -          | 421-4.7.29 Your email has been rate limited because this message wasn't sent 421 4.7.29 over a TLS connection. h4si1 - gsmtp
      outlook      | reputation.ip          | -          | host eur.olc.protection.outlook.com[52.101.73.5] said: 550 5.7.1 Unfortunately, messages from [198.51.100.23] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).
      outlook      | reputation.rate        | -          | 451 4.7.651 The mail server [198.51.100.23] has been temporarily rate limited due to IP reputation. See https://postmaster.live.com (S8002)
      outlook      | auth.unauthenticated   | -          | 550 5.7.515 Access denied, sending domain mailer.example.com does not meet the required authentication level. [VI1EUR04FT012.eop-eur04.prod.protection.outlook.com]
      microsoft365 | reputation.ip          | -          | 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. [AM0PR04MB1234.mail.protection.outlook.com]
      microsoft365 | reputation.ip          | -          | 550 5.7.649 Access denied, banned sending IP [203.0.113.200]. To request removal from this list please visit https://sender.office.com/
      microsoft365 | blocklist.listed       | spamcop    | 550 5.7.1 Service unavailable; Client host [203.0.113.91] blocked using bl.spamcop.net [contoso-com.mail.protection.outlook.com]
      yahoo        | reputation.ip          | -          | 421 4.7.0 [TSS09] All messages from 203.0.113.14 will be permanently deferred; Retrying will NOT succeed. See https://senders.yahooinc.com/smtp-error-codes
      yahoo        | reputation.rate        | -          | host mta5.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TS01] Messages from 203.0.113.14 temporarily deferred due to unexpected volume or user complaints
      yahoo        | auth.dmarc             | -          | 554 5.7.9 Message not accepted for policy reasons. DMARC policy of brand.example says reject. See https://senders.yahooinc.com/error-codes
      naver        | auth.spf               | -          | 550 5.7.1 Your email has been blocked because SPF authentication failed. For more information, go to https://help.naver.com/alias/mail/newmail10.naver Zx81qQ - nsmtp
      naver        | recipient.unknown      | -          | 550 5.1.1 The email account that you tried to reach does not exist. Qa1 - nsmtp
      daum         | ptr.mismatch           | -          | 554 5.7.1 DXNS2 198.51.100.7: Message refused. PTR of your host does not match
      daum         | connection.limit       | -          | 421 4.7.0 CRCP 198.51.100.7: Too many connections from your IP
      daum         | recipient.refused      | -          | 550 5.7.1 RDENY 198.51.100.7: The recipient refused your mail
      daum         | recipient.inactive     | -          | 550 5.2.1 RACT 198.51.100.7: This mailbox is not active
      daum         | reputation.ip          | -          | 554 5.7.1 DAS51 198.51.100.7: Your mail is blocked automatically by anti-spam system
      icloud       | policy.generic         | -          | 554 5.7.1 [CS02] Message rejected due to local policy. mx02.mail.icloud.com
      icloud       | blocklist.listed       | proofpoint | 554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.33 (mx01.mail.icloud.com)
      comcast      | blocklist.listed       | -          | 554 resimta-h1p-028.sys.comcast.net comcast 203.0.113.2 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000000
      unknown      | blocklist.listed       | spamhaus   | 554 5.7.1 <u@shop.example>: Sender address rejected: shop.example is listed in dbl.spamhaus.org
      unknown      | blocklist.listed       | mailspike  | 550 5.7.1 Rejected: 203.0.113.8 is listed at bl.mailspike.net
      unknown      | blocklist.listed       | barracuda  | 554 5.7.1 Service unavailable; Client host [203.0.113.8] blocked using b.barracudacentral.org
      unknown      | tls.required           | -          | 530 5.7.0 Must issue a STARTTLS command first
      unknown      | recipient.full         | -          | 552 5.2.2 <bob@example.org>: Mailbox full
      unknown      | submission.sender-mismatch | -      | 553 5.7.1 <ceo@example.org>: Sender address rejected: not owned by user alice@example.org
      unknown      | sender.domain-unresolvable | -      | 451 4.1.8 <info@nowhere.example>: Sender address rejected: Domain not found
      unknown      | reputation.dynamic-ip  | -          | 550 5.7.1 Client host rejected: residential IP 203.0.113.40 - use your ISP's mail server
      unknown      | ptr.missing            | -          | 450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.41]
      unknown      | receiver.busy          | -          | 421 4.3.2 Service not available, closing transmission channel
      unknown      | policy.greylisted    | -          | 450 4.2.0 <ann@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/help/example.org.html
      unknown      | relay.denied         | -          | 554 5.7.1 <ann@example.org>: Relay access denied
      microsoft365 | recipient.unknown    | -          | 550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]
      unknown      | tls.required         | -          | 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2
      unknown      | recipient.full       | -          | 554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException
      yahoo        | recipient.unknown    | -          | 554 delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com) [0] - mta1234.mail.ne1.yahoo.com
      unknown      | auth.dmarc           | -          | 550 5.7.1 Email rejected per DMARC policy for brand.example
      gmail        | auth.unauthenticated | -          | 421-4.7.0 This message does not have authentication information or fails to 421-4.7.0 pass authentication checks. To best protect our users from spam, the 421 4.7.0 message has been blocked. e3si - gsmtp
      outlook      | reputation.rate      | -          | 421 RP-001 (BAY004-MC1F21) Unfortunately, some messages from 203.0.113.4 weren't sent. We have limits for how many messages can be sent per hour and per day.
      yahoo        | policy.generic       | -          | 521 5.2.1 : AOL will not accept delivery of this message.
      icloud       | policy.generic       | -          | 550 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137
      naver        | reputation.ip        | -          | 550 5.7.1 Your IP is blocked because of spam. Zq - nsmtp
      unknown      | recipient.unknown    | -          | 550 5.1.1 받는 사람의 메일 주소가 존재하지 않는 주소입니다.
      unknown      | recipient.full       | -          | 552 5.2.2 수신자의 메일함 용량이 초과되었습니다.
      unknown      | reputation.ip        | -          | 554 5.7.1 보내는 서버의 IP가 스팸 발송으로 차단되었습니다.
      """)
  void classifies(String provider, String category, String list, String text) {
    BounceDiagnosis d = CLASSIFIER.classify(text);
    assertEquals(provider, d.provider(), () -> "provider: " + d);
    assertEquals(category, d.category(), () -> "category: " + d);
    assertEquals(list, d.list(), () -> "list: " + d);
  }

  @org.junit.jupiter.api.Test
  void aRecipientAddressDoesNotOutweighTheHostThatAnswered() throws Exception {
    // Mail to an iCloud address relayed through another server: that server answered, not iCloud.
    BounceDiagnosis d = Bounces.bundled().diagnose(
        "<pat@icloud.com>: host mx.relay.example[198.51.100.3] said: 550 5.7.1 Message rejected by local policy");
    assertEquals("unknown", d.provider(), d.toString());
    assertEquals("mx.relay.example", d.rejectingHost());
    assertEquals(null, d.ip(), "198.51.100.3 is the relay's own address");
  }

  @org.junit.jupiter.api.Test
  void ipv6SenderIsFound() throws Exception {
    BounceDiagnosis d = Bounces.bundled().diagnose("550-5.7.1 [2001:db8:5::25] Gmail has detected that this message does not"
        + " 550-5.7.1 meet IPv6 sending guidelines regarding PTR records 550 5.7.1 and authentication. t1si2 - gsmtp");
    assertEquals("2001:db8:5::25", d.ip());
    assertEquals("ptr.missing", d.category());
  }

  @org.junit.jupiter.api.Test
  void theDomainIsTheSendersNotTheRecipientsNorAProgramName() throws Exception {
    assertEquals(null, Bounces.bundled().diagnose("554 5.7.1 <ann@example.org>: Relay access denied").domain());
    assertEquals(null, Bounces.bundled().diagnose("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException").domain());
    assertEquals(null, Bounces.bundled().diagnose("421 4.3.2 Your IP(198.51.100.8) is filtered. Register it with spammaster@isp.example").domain());
    assertEquals("shop.example", Bounces.bundled().diagnose("554 5.7.1 <u@shop.example>: Sender address rejected: shop.example is listed in dbl.spamhaus.org").domain());
    assertEquals("brand.example", Bounces.bundled().diagnose("550 5.7.1 Email rejected per DMARC policy for brand.example").domain());
  }

  @org.junit.jupiter.api.Test
  void theClientsOwnNameAndAddressAreTheSenders() throws Exception {
    BounceDiagnosis d = Bounces.bundled().diagnose(
        "554 5.7.1 Service unavailable; Client host mail.shop.example[203.0.113.9] blocked using bl.spamcop.net");
    assertEquals("203.0.113.9", d.ip());
    assertEquals(null, d.rejectingHost());
    assertEquals("mail.shop.example", d.domain());
  }
}
