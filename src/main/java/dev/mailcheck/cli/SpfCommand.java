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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
@Command(name = "spf", mixinStandardHelpOptions = true,
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
      throw new IllegalArgumentException("--format must be text or json, not '" + format + "'.");
    }
    if (timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be longer than zero, e.g. 20s.");
    }
    Config config = main.config();
    Lang language = lang != null ? Lang.of(lang) : config.lang();
    messages = Messages.of(language);
    List<InetSocketAddress> servers = dns.select(config, spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    if (batch) {
      if (ip != null || mailFrom != null || helo != null) {
        throw new IllegalArgumentException("--batch reads the senders from standard input; leave out --ip, --mail-from and --helo.");
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
   * Checks one sender's inputs.
   *
   * @throws IllegalArgumentException with one sentence naming what was wrong and what is accepted
   */
  static SpfRequest request(String ip, String mailFrom, String helo) {
    if (ip == null || ip.isBlank()) {
      throw new IllegalArgumentException("give the client's address with --ip, e.g. --ip 203.0.113.5.");
    }
    InetAddress address = SpfRequest.parseAddress(ip);
    if (address == null) {
      throw new IllegalArgumentException("'" + ip + "' is not an IP address; use e.g. 203.0.113.5 or 2001:db8::25.");
    }
    String from = mailFrom == null ? "" : mailFrom.strip();
    if (from.length() >= 2 && from.startsWith("<") && from.endsWith(">")) {
      // As written in an SMTP session (RFC 5321 §4.1.2 reverse-path): <user@example.com>, <> for a bounce.
      from = from.substring(1, from.length() - 1).strip();
    }
    String h = ascii(helo == null ? "" : helo.strip());
    if (!from.isEmpty() && from.lastIndexOf('@') >= 0) {
      // An internationalized domain is looked up by its A-labels (RFC 5890); the local part stays as sent.
      int at = from.lastIndexOf('@');
      from = from.substring(0, at + 1) + ascii(from.substring(at + 1));
    }
    if (!from.isEmpty()) {
      int at = from.lastIndexOf('@');
      if (at < 0 || at == from.length() - 1 || from.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
        throw new IllegalArgumentException("'" + mailFrom + "' is not a MAIL FROM address; use e.g. user@example.com, or \"\" for a bounce.");
      }
      String local = from.substring(0, at);
      if (!local.startsWith("\"") && (local.indexOf('<') >= 0 || local.indexOf('>') >= 0)) {
        throw new IllegalArgumentException("'" + mailFrom + "' has an unmatched angle bracket; write user@example.com or <user@example.com>.");
      }
      String domain = from.substring(at + 1);
      if (!domain.chars().allMatch(SpfCommand::domainChar)) {
        throw new IllegalArgumentException("the domain of '" + mailFrom + "' has characters that cannot be in a domain name;"
            + " use letters, digits, '-', '_' and '.', e.g. user@example.com.");
      }
    } else if (h.isEmpty()) {
      throw new IllegalArgumentException("give --mail-from ADDR, or --helo NAME for a bounce (empty MAIL FROM checks the HELO name).");
    }
    if (h.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException("'" + helo + "' is not a HELO name; use a host name such as mail.example.com.");
    }
    return new SpfRequest(address, from, h);
  }

  /** Characters a host name (with '_' for service labels) can have once converted to A-labels. */
  private static boolean domainChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  }

  /** A-labels for a name with non-ASCII labels; the text unchanged when it cannot be converted (then rejected). */
  private static String ascii(String name) {
    if (name.chars().allMatch(c -> c < 0x80)) {
      return name;
    }
    try {
      return java.net.IDN.toASCII(name, java.net.IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return name;
    }
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
    try {
      node = json.readTree(line);
      if (node == null || !node.isObject()) {
        return CompletableFuture.completedFuture(error(n, "line " + n + " is not a JSON object; send {\"ip\",\"mailFrom\",\"helo\"}."));
      }
      request = request(text(node, "ip"), text(node, "mailFrom"), text(node, "helo"));
    } catch (IOException e) {
      return CompletableFuture.completedFuture(error(n, "line " + n + " is not valid JSON; send {\"ip\",\"mailFrom\",\"helo\"}."));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(error(n, e.getMessage()));
    }
    return evaluate(dns, request).thenApply(o -> {
      ObjectNode result = toJson(o);
      ObjectNode echo = json.createObjectNode();
      echo.put("ip", text(node, "ip"));
      echo.put("mailFrom", text(node, "mailFrom"));
      echo.put("helo", text(node, "helo"));
      result.set("input", echo);
      return result.toString();
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private String error(int line, String message) {
    ObjectNode e = json.createObjectNode();
    e.put("line", line);
    e.put("error", message);
    return e.toString();
  }

  /** DESIGN.md: {"result","explanation","mechanism","dnsLookups","voidLookups"}, plus the record's domain and the reason. */
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
    out.println(m.get("spf.cli.result") + ": " + o.result().id());
    if (o.explanation() != null) {
      out.println(m.get("spf.cli.explanation") + ": " + o.explanation());
    }
    if (o.mechanism() != null && !isError(o)) {
      out.println(m.get("spf.cli.mechanism") + ": " + o.mechanism() + " (" + o.domain() + ")");
    } else if (o.result() == SpfResult.NEUTRAL && o.why() != null && o.why().key().equals("spf.reason.default")) {
      out.println(m.get("spf.cli.mechanism") + ": " + m.get("spf.cli.default") + " (" + o.domain() + ")");
    }
    out.println(m.get("spf.cli.lookups") + ": " + o.dnsLookups() + " / " + SpfEvaluator.MAX_DNS_TERMS);
    out.println(m.get("spf.cli.void") + ": " + o.voidLookups() + " / " + SpfEvaluator.MAX_VOID_LOOKUPS);
    if (o.why() != null) {
      out.println(m.get("spf.cli.reason") + ": " + o.why().text(m));
    }
  }
}
