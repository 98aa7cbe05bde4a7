package dev.mailcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.Checks;
import dev.mailcheck.check.Engine;
import dev.mailcheck.demo.DemoWorld;
import dev.mailcheck.dns.server.WorldDnsClient;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.target.TargetParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A JSON report written in one language reads back into the same findings, shown in the other. */
class ReportReaderTest {

  @Test
  void anEnglishJsonReportIsShownInKoreanAsIfRunInKorean() throws Exception {
    DemoWorld demo = DemoWorld.load();
    Engine engine = new Engine((deadline, trace) -> new WorldDnsClient(demo.world(), Duration.ofMillis(250), trace),
        Checks.standard(), Clock.systemUTC()).withTrustAnchors(demo.trustAnchors());
    CheckOptions options = new CheckOptions(null, null, List.of(), Set.of(), Duration.ofSeconds(5), Lang.EN);
    for (DemoWorld.DemoTarget t : demo.targets()) {
      Report original = engine.run(new TargetParser(true).parse(t.target()), options);
      Report stored = ReportReader.read(new JsonRenderer().render(original, Lang.EN));
      assertEquals(original.findings().stream().map(Finding::key).toList(), stored.findings().stream().map(Finding::key).toList());
      assertEquals(new TextRenderer(false).render(original, Lang.KO), new TextRenderer(false).render(stored, Lang.KO), t.target());
      assertEquals(new JsonRenderer().render(original, Lang.KO), new JsonRenderer().render(stored, Lang.KO), t.target());
    }
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReportReader.read("{\"schema\":\"other/1\"}"));
  }
}
