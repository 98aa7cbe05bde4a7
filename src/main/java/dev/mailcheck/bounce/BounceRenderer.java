package dev.mailcheck.bounce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailcheck.playbook.Messages;
import dev.mailcheck.report.Link;
import java.io.PrintWriter;

/** Prints a bounce diagnosis: the JSON of the design contract, or text for a terminal. */
public final class BounceRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BounceRenderer() {}

  /**
   * {@code {"provider","category","list","smtpCode","enhancedCode","ip","domain","summary","fix","links"}},
   * plus {@code rejectingHost} and {@code signature} (the rule that decided), which automation may ignore.
   */
  public static ObjectNode json(BounceAdvice a) {
    BounceDiagnosis d = a.diagnosis();
    ObjectNode n = JSON.createObjectNode();
    n.put("provider", d.provider());
    n.put("category", d.category());
    n.put("list", d.list());
    n.put("smtpCode", d.smtpCode());
    n.put("enhancedCode", d.enhancedCode());
    n.put("ip", d.ip());
    n.put("domain", d.domain());
    n.put("summary", a.summary());
    n.put("fix", a.fix());
    ArrayNode links = n.putArray("links");
    for (Link l : a.links()) {
      links.addObject().put("title", l.title()).put("url", l.url());
    }
    n.put("rejectingHost", d.rejectingHost());
    n.put("signature", d.rule());
    return n;
  }

  public static void printJson(BounceAdvice a, PrintWriter out) {
    try {
      out.println(JSON.writeValueAsString(json(a)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** The facts first (receiver, cause, codes, IP, domain, list), then the summary, the fix and the links. */
  public static void printText(BounceAdvice a, Messages t, PrintWriter out) {
    BounceDiagnosis d = a.diagnosis();
    String none = t.get("bounce.cli.none");
    String receiver = d.provider().equals(BounceDiagnosis.UNKNOWN) ? t.get("bounce.cli.unknown-receiver")
        : a.receiver() + " (" + d.provider() + ")";
    row(out, t.get("bounce.cli.receiver"), receiver);
    if (d.rejectingHost() != null) {
      row(out, t.get("bounce.cli.host"), d.rejectingHost());
    }
    row(out, t.get("bounce.cli.cause"), d.category());
    row(out, t.get("bounce.cli.codes"), codes(d, none));
    row(out, t.get("bounce.cli.ip"), d.ip() == null ? none : d.ip());
    row(out, t.get("bounce.cli.domain"), d.domain() == null ? none : d.domain());
    row(out, t.get("bounce.cli.list"), d.list() == null ? none : d.list());
    out.println();
    out.println(a.summary());
    if (a.fix() != null) {
      out.println();
      out.println(t.get("bounce.cli.fix") + ": " + a.fix());
    }
    if (!a.links().isEmpty()) {
      out.println();
      out.println(t.get("bounce.cli.links") + ":");
      for (Link l : a.links()) {
        out.println("  - " + l.title() + ": " + l.url());
      }
    }
    out.flush();
  }

  private static String codes(BounceDiagnosis d, String none) {
    if (d.smtpCode() == null && d.enhancedCode() == null) {
      return none;
    }
    return d.smtpCode() == null ? d.enhancedCode() : d.enhancedCode() == null ? d.smtpCode() : d.smtpCode() + " " + d.enhancedCode();
  }

  private static void row(PrintWriter out, String label, String value) {
    out.println(label + ": " + value);
  }
}
