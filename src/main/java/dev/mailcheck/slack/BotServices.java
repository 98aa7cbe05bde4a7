package dev.mailcheck.slack;

import dev.mailcheck.check.DnsClientFactory;
import dev.mailcheck.check.DnsSettings;
import dev.mailcheck.check.Engine;
import dev.mailcheck.dnsbl.Dnsbl;
import dev.mailcheck.dnsbl.ListHealth;
import dev.mailcheck.playbook.Lang;
import java.util.concurrent.ExecutorService;

/**
 * What the bot's listeners and runs share: settings, the Slack publisher, the engine, the user's
 * language, the store of recent runs, and the executor that takes work off Bolt's threads so every
 * request is acknowledged at once.
 */
public final class BotServices {
  private final BotSettings settings;
  private final Publisher publisher;
  private final Engine engine;
  private final BotMetrics metrics;
  private final UserLocales locales;
  private final Admission admission;
  private final ExecutorService intake;
  private final PrivateAnswers answers;
  private final RecentChecks recent = new RecentChecks();
  private final ReportStore reports = new ReportStore(500);
  private volatile String botUserId = "mailcheck";
  /** Range scans' resolvers: the engine's servers, with the same per-run and per-bot bounds on questions in flight. */
  private final DnsClientFactory scanDns;
  /** Range scans' list health verdicts, kept for the bot's lifetime ({@link dev.mailcheck.dnsbl.ListHealth#TTL} each). */
  private final Dnsbl scanLists = new Dnsbl(new ListHealth());

  BotServices(BotSettings settings, Publisher publisher, Engine engine, BotMetrics metrics, UserLocales locales, Admission admission,
      ExecutorService intake) {
    this.settings = settings;
    this.publisher = publisher;
    this.engine = engine;
    this.metrics = metrics;
    this.locales = locales;
    this.admission = admission;
    this.intake = intake;
    this.answers = new PrivateAnswers(publisher);
    this.scanDns = DnsClientFactory.resolvers(DnsSettings.of(settings.dns()));
  }

  /** Where a range scan gets its DNS client: the bot's resolvers, questions in flight bounded. */
  DnsClientFactory scanDns() {
    return scanDns;
  }

  /** How a range scan asks the lists (with the bot's cache of their health). */
  Dnsbl scanLists() {
    return scanLists;
  }

  public BotSettings settings() {
    return settings;
  }

  public Publisher publisher() {
    return publisher;
  }

  Engine engine() {
    return engine;
  }

  public BotMetrics metrics() {
    return metrics;
  }

  public Admission admission() {
    return admission;
  }

  /** Where listeners hand their work, so that Bolt can acknowledge the request at once. */
  public ExecutorService intake() {
    return intake;
  }

  public PrivateAnswers answers() {
    return answers;
  }

  public RecentChecks recent() {
    return recent;
  }

  public ReportStore reports() {
    return reports;
  }

  /** The bot's own user ID (for the /invite hint, and to ignore its own messages). */
  public String botUserId() {
    return botUserId;
  }

  void botUserId(String id) {
    this.botUserId = id;
  }

  /** A renderer in the user's language. */
  public SlackRenderer rendererFor(String user) {
    return renderer(locales.langOf(user));
  }

  public SlackRenderer renderer(Lang lang) {
    return new SlackRenderer(lang, settings.command());
  }
}
