package dev.mailcheck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.dns.server.LoopbackDnsServer;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.target.TargetParser;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offline demo shows SPF: a good record, one over the lookup limit, two records, a timeout. */
class DemoSpfTest {
  @Test
  void demoDomainsShowTheirSpfFindings() throws Exception {
    DemoWorld demo = DemoWorld.load();
    List<String> targets = demo.targets().stream().map(DemoWorld.DemoTarget::target).toList();
    assertTrue(targets.containsAll(List.of("too-many.example.com", "two-spf.example.net")), targets.toString());
    try (LoopbackDnsServer server = LoopbackDnsServer.start(demo.world())) {
      Engine engine = new Engine(DnsSettings.of(List.of(server.address())));
      CheckOptions options = new CheckOptions(null, null, List.of(), Set.of("smtp", "http", "rdap"), Duration.ofSeconds(3), Lang.EN);
      TargetParser parser = new TargetParser(true);
      assertEquals(List.of("spf.ok:pass"), spf(engine.run(parser.parse("example.com"), options).findings()));
      assertEquals(List.of("spf.too-many-lookups:fail", "spf.include-without-spf:fail"),
          spf(engine.run(parser.parse("too-many.example.com"), options).findings()));
      assertEquals(List.of("spf.multiple:fail"), spf(engine.run(parser.parse("two-spf.example.net"), options).findings()));
      assertEquals(List.of("dns.timeout:error"), spf(engine.run(parser.parse("slow.example.net"), options).findings()));
    }
  }

  private static List<String> spf(List<Finding> findings) {
    return findings.stream().filter(f -> f.check().equals("spf")).map(f -> f.id() + ":" + f.severity().name().toLowerCase()).toList();
  }
}
