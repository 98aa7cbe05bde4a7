package dev.mailcheck.bench;

import dev.mailcheck.check.CheckOptions;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Report;
import dev.mailcheck.slack.Blocks;
import dev.mailcheck.target.BadTargetException;
import dev.mailcheck.target.TargetParser;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The findings each target gives when checked directly: what its Slack thread must show, every one. */
public final class ExpectedFindings {
  private ExpectedFindings() {}

  /** Runs each target once against the resolver at {@code dns}, as the bot's runs do (smtp, http, rdap skipped). */
  public static Map<String, List<Finding>> of(InetSocketAddress dns, List<String> targets) throws BadTargetException {
    Engine engine = new Engine(DnsSettings.of(List.of(dns)));
    TargetParser parser = new TargetParser(true);
    CheckOptions options = new CheckOptions(null, null, List.of(), Set.of("smtp", "http", "rdap"), CheckOptions.DEFAULT_TIMEOUT, Lang.EN);
    Map<String, List<Finding>> out = new HashMap<>();
    for (String t : targets) {
      Report r = engine.run(parser.parse(t), options);
      out.put(t, r.findings());
    }
    return out;
  }

  /** How a finding shows in a thread reply: its ID in code, then its subject. */
  public static String shown(Finding f) {
    return "`" + f.id() + "` " + Blocks.escape(f.subject());
  }
}
