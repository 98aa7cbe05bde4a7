package dev.mailcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.config.Config;
import dev.mailcheck.dns.CachingDnsClient;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.QueryTrace;
import dev.mailcheck.dns.ResolverDnsClient;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.spf.SpfEvaluator;
import dev.mailcheck.spf.SpfOutcome;
import dev.mailcheck.spf.SpfRequest;
import dev.mailcheck.spf.SpfResult;
import dev.mailcheck.target.Echo;
import dev.mailcheck.target.InputException;
import dev.mailcheck.target.Sentence;
import dev.mailcheck.target.SpfInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailcheck spf}: RFC 7208 check_host() for one sender ({@code --ip --mail-from --helo}) or,
 * with {@code --batch}, for JSON lines on standard input ({@code {"ip","mailFrom","helo"}}), one
 * JSON line out per line in, in the same order; a bad line gets an error object and the batch goes on.
 * Exit status 0 whenever a result was produced (the result is in the output), 2 on bad input.
 */
@Command(name = "spf", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Evaluates SPF (RFC 7208 check_host) for a sending IP, MAIL FROM and HELO.",
        "Exit status: 0 a result was produced (whatever it is), 2 bad input."})
final class SpfCommand implements Callable<Integer> {
  /** Lines evaluated at the same time in a batch. */
  static final int BATCH_WINDOW = 32;

  @CommandLine.ParentCommand
  Main main;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--ip", paramLabel = "IP", description = "The client's IP address.")
  String ip;

  @Option(names = "--mail-from", paramLabel = "ADDR", description = "The MAIL FROM address; empty (\"\") for a bounce, which checks the HELO name.")
  String mailFrom;

  @Option(names = "--helo", paramLabel = "NAME", description = "The HELO/EHLO name.")
  String helo;

  @CommandLine.Mixin
  DnsOption dns;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}; --batch always writes JSON lines).")
  String format;

  @Option(names = "--batch", description = "Read JSON lines {\"ip\",\"mailFrom\",\"helo\"} from standard input; write one JSON line each.")
  boolean batch;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "Limit for one evaluation (default ${DEFAULT-VALUE}; RFC 7208 §4.6.4); past it the result is temperror.")
  Duration timeout;

  @Option(names = "--lang", paramLabel = "LANG", description = "en or ko for the text format (default MAILCHECK_LANG, else en).")
  String lang;

  private final InputStream stdin;
  // A line with anything after its JSON object is a bad line, not a sender.
  private final ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private Messages messages = Messages.of(Lang.EN);

  SpfCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  SpfCommand() {
    this(System.in);
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new InputException("input.spf.format", Echo.of(format));
    }
    DurationConverter.requirePositive(timeout, "--timeout");
    Config config = main.config();
    Lang language = lang != null ? Lang.of(lang) : config.lang();
    messages = Messages.of(language);
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    if (batch) {
      if (ip != null || mailFrom != null || helo != null) {
        throw new InputException("input.spf.batch-flags");
      }
      batch(servers, out);
      return Main.OK;
    }
    SpfRequest request = request(ip, mailFrom, helo);
    SpfOutcome o = evaluate(new CachingDnsClient(resolver(servers)), request).join();
    if (format.equals("json")) {
      out.println(toJson(o));
    } else {
      printText(o, Messages.of(language), out);
    }
    out.flush();
    return Main.OK;
  }

  /**
   * Checks one sender's inputs (the request model of {@link SpfInput}).
   *
   * @throws InputException with one sentence naming what was wrong and what is accepted
   */
  static SpfRequest request(String ip, String mailFrom, String helo) {
    return SpfInput.parse(ip, mailFrom, helo);
  }

  private ResolverDnsClient resolver(List<InetSocketAddress> servers) {
    dev.mailcheck.check.DnsSettings settings = dev.mailcheck.check.DnsSettings.of(servers).fitting(timeout);
    return new ResolverDnsClient(settings.servers(), settings.attemptTimeout(), settings.attempts(), new QueryTrace());
  }

  private CompletableFuture<SpfOutcome> evaluate(DnsClient dns, SpfRequest request) {
    return new SpfEvaluator(dns, true, timeout).checkHost(request);
  }

  /**
   * One caching client for the whole batch: bulk checks of one domain read its include tree once.
   * Answers are kept for the batch (it is one snapshot of the DNS); failures are asked again.
   */
  private void batch(List<InetSocketAddress> servers, PrintWriter out) {
    DnsClient dns = CachingDnsClient.acrossRuns(resolver(servers));
    Deque<CompletableFuture<String>> pending = new ArrayDeque<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (n == 1 && line.startsWith("\uFEFF")) {
          // A UTF-8 byte order mark, as some editors write one: not part of the first line's JSON.
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        pending.add(batchLine(dns, n, line));
        while (pending.size() >= BATCH_WINDOW) {
          out.println(pending.poll().join());
        }
      }
      while (!pending.isEmpty()) {
        out.println(pending.poll().join());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read standard input", e);
    }
  }

  private CompletableFuture<String> batchLine(DnsClient dns, int n, String line) {
    JsonNode node;
    SpfRequest request;
    String ipText;
    String fromText;
    String heloText;
    try {
      node = json.readTree(line);
      if (node == null || !node.isObject()) {
        return CompletableFuture.completedFuture(error(n, new Sentence("input.batch.not-object", n)));
      }
      ipText = text(node, n, "ip");
      fromText = text(node, n, "mailFrom");
      heloText = text(node, n, "helo");
      if (ipText == null) {
        return CompletableFuture.completedFuture(error(n, new Sentence("input.batch.need-ip", n)));
      }
      if (fromText == null && heloText == null) {
        return CompletableFuture.completedFuture(error(n, new Sentence("input.batch.need-identity", n)));
      }
      request = request(ipText, fromText, heloText);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(error(n, new Sentence("input.batch.not-json", n)));
    } catch (InputException e) {
      return CompletableFuture.completedFuture(error(n, e.sentence().key().startsWith("input.batch.")
          ? e.sentence() : new Sentence("input.batch.line", n, e.sentence())));
    }
    return evaluate(dns, request).thenApply(o -> {
      ObjectNode result = toJson(o);
      ObjectNode echo = json.createObjectNode();
      // The input as sent, so a result can be matched to its line; a huge value is cut.
      echo.put("ip", Echo.cut(ipText, ECHO_MAX));
      echo.put("mailFrom", Echo.cut(fromText, ECHO_MAX));
      echo.put("helo", Echo.cut(heloText, ECHO_MAX));
      result.set("input", echo);
      return result.toString();
    });
  }

  /** Longest input value echoed whole in a batch result (a DNS name has at most 253 characters). */
  static final int ECHO_MAX = 512;

  /** A field's text; null when absent or JSON null; a number, object, array or boolean is not text (one sentence). */
  private static String text(JsonNode node, int line, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InputException("input.batch.not-text", line, field,
          new Sentence("input.json-type." + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return v.textValue();
  }

  private String error(int line, Sentence sentence) {
    return error(line, sentence.text(messages));
  }

  private String error(int line, String message) {
    ObjectNode e = json.createObjectNode();
    e.put("line", line);
    e.put("error", message);
    return e.toString();
  }

  /** docs/CONTRACTS.md: {"result","explanation","mechanism","dnsLookups","voidLookups"}, plus the record's domain and the reason. */
  ObjectNode toJson(SpfOutcome o) {
    ObjectNode n = json.createObjectNode();
    n.put("result", o.result().id());
    n.put("explanation", o.explanation());
    // An error is decided by no mechanism (docs/SPF.md): the term that failed is named in the reason.
    n.put("mechanism", isError(o) ? null : o.mechanism());
    n.put("domain", o.domain());
    n.put("dnsLookups", o.dnsLookups());
    n.put("voidLookups", o.voidLookups());
    n.put("reason", o.why() != null ? o.why().text(messages) : o.reason());
    return n;
  }

  private static boolean isError(SpfOutcome o) {
    return o.result() == SpfResult.PERMERROR || o.result() == SpfResult.TEMPERROR;
  }

  private static void printText(SpfOutcome o, Messages m, PrintWriter out) {
    // The RFC 7208 name is what mail headers show; the bundle adds what it means where that helps (Korean).
    out.println(m.get("spf.cli.result") + ": " + m.get("spf.cli.result." + o.result().id()));
    if (o.explanation() != null) {
      out.println(m.get("spf.cli.explanation") + ": " + Echo.of(o.explanation(), 2000));
    }
    if (o.mechanism() != null && !isError(o)) {
      out.println(m.get("spf.cli.mechanism") + ": " + Echo.of(o.mechanism(), 1000) + " (" + Echo.of(o.domain(), 1000) + ")");
    } else if (o.result() == SpfResult.NEUTRAL && o.why() != null && o.why().key().equals("spf.reason.default")) {
      out.println(m.get("spf.cli.mechanism") + ": " + m.get("spf.cli.default") + " (" + Echo.of(o.domain(), 1000) + ")");
    }
    out.println(m.get("spf.cli.lookups") + ": " + o.dnsLookups() + " / " + SpfEvaluator.MAX_DNS_TERMS);
    out.println(m.get("spf.cli.void") + ": " + o.voidLookups() + " / " + SpfEvaluator.MAX_VOID_LOOKUPS);
    if (o.why() != null) {
      // The reason may quote the sender's domain as typed: control characters are shown escaped.
      out.println(m.get("spf.cli.reason") + ": " + Echo.of(o.why().text(m), 2000));
    }
  }
}
