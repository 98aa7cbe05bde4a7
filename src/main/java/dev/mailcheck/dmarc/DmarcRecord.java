package dev.mailcheck.dmarc;

import dev.mailcheck.dkim.TagList;
import dev.mailcheck.dkim.TagSyntaxException;
import dev.mailcheck.report.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DMARC policy record (RFC 7489 §6.3, grammar §6.4), with the tags DMARCbis adds ({@code np},
 * {@code t}, {@code psd}). The record is a tag-list (RFC 6376 §3.2, {@link TagList}) that starts
 * with {@code v=DMARC1}.
 *
 * <p>What cannot be used makes the whole record unusable ({@link TagSyntaxException}): a broken
 * tag-list, {@code v} not first or not {@code DMARC1}, and a missing or invalid {@code p} or invalid
 * {@code sp} (§6.6.3: then receivers act as if {@code p=none} at best). Any other tag with a value
 * outside its grammar is a {@link #problems() problem}: receivers ignore that tag and use its default.
 * Unknown tags are ignored (§6.3: "Unknown tags MUST be ignored").
 */
public final class DmarcRecord {
  /** The policies of {@code p}, {@code sp} and {@code np} (§6.3). */
  public enum Policy {
    NONE, QUARANTINE, REJECT;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Policy of(String value) {
      for (Policy p : values()) {
        if (p.tag().equalsIgnoreCase(value)) {
          return p;
        }
      }
      return null;
    }
  }

  /** A tag whose value is outside its grammar, and why; receivers ignore it. */
  public record Problem(String tag, String value, Text reason) {}

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern FO = Pattern.compile("[01ds](?:[ \t]*:[ \t]*[01ds])*");
  private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

  private final TagList tags;
  private final Policy policy;
  private final Policy subdomainPolicy;
  private final Policy nonexistentPolicy;
  private final int pct;
  private final List<ReportUri> rua;
  private final List<ReportUri> ruf;
  private final boolean testing;
  private final List<Problem> problems;

  private DmarcRecord(TagList tags, Policy policy, Policy subdomainPolicy, Policy nonexistentPolicy, int pct,
      List<ReportUri> rua, List<ReportUri> ruf, boolean testing, List<Problem> problems) {
    this.tags = tags;
    this.policy = policy;
    this.subdomainPolicy = subdomainPolicy;
    this.nonexistentPolicy = nonexistentPolicy;
    this.pct = pct;
    this.rua = rua;
    this.ruf = ruf;
    this.testing = testing;
    this.problems = problems;
  }

  /**
   * Whether a TXT record is a DMARC record at all: §6.6.3 keeps only records that start with a
   * {@code v} tag naming DMARC1 ({@code v=DMARC1}, white space allowed around {@code =}, §6.4) and
   * discards the others.
   */
  public static boolean isDmarc(String txt) {
    return txt.matches("(?s)v[ \t]*=[ \t]*DMARC1[ \t]*(;.*)?");
  }

  /** Whether a discarded TXT record was probably meant as DMARC (it names DMARC1 somewhere). */
  public static boolean looksLikeDmarc(String txt) {
    return !isDmarc(txt) && txt.toUpperCase(Locale.ROOT).contains("DMARC1");
  }

  /** Parses and validates one DMARC record. */
  public static DmarcRecord parse(String text) throws TagSyntaxException {
    TagList tags = TagList.parse(text, true);
    if (!tags.first().name().equalsIgnoreCase("v")) {
      throw new TagSyntaxException("dmarc.parse.v-not-first");
    }
    if (!tags.first().value().equals("DMARC1")) {
      throw new TagSyntaxException("dmarc.parse.v-value", tags.first().value());
    }
    String p = tags.get("p");
    if (p == null) {
      throw new TagSyntaxException("dmarc.parse.p-missing");
    }
    Policy policy = Policy.of(p);
    if (policy == null) {
      throw new TagSyntaxException("dmarc.parse.policy-value", "p", p);
    }
    Policy sp = policy;
    if (tags.has("sp")) {
      sp = Policy.of(tags.get("sp"));
      if (sp == null) {
        throw new TagSyntaxException("dmarc.parse.policy-value", "sp", tags.get("sp"));
      }
    }
    List<Problem> problems = new ArrayList<>();
    Policy np = sp;
    if (tags.has("np")) {
      Policy n = Policy.of(tags.get("np"));
      if (n == null) {
        problems.add(problem("np", tags.get("np"), "dmarc.parse.expected", "none, quarantine, reject"));
      } else {
        np = n;
      }
    }
    int pct = 100;
    if (tags.has("pct")) {
      String v = tags.get("pct");
      if (DIGITS.matcher(v).matches() && v.length() <= 3 && Integer.parseInt(v) <= 100) {
        pct = Integer.parseInt(v);
      } else {
        problems.add(problem("pct", v, "dmarc.parse.expected", "0-100"));
      }
    }
    List<ReportUri> rua = uris(tags, "rua", problems);
    List<ReportUri> ruf = uris(tags, "ruf", problems);
    choice(tags, "adkim", "r, s", problems, "r", "s");
    choice(tags, "aspf", "r, s", problems, "r", "s");
    if (tags.has("fo") && !FO.matcher(tags.get("fo").toLowerCase(Locale.ROOT)).matches()) {
      problems.add(problem("fo", tags.get("fo"), "dmarc.parse.expected", "0:1:d:s"));
    }
    if (tags.has("rf")) {
      for (String f : tags.get("rf").split(":", -1)) {
        String k = f.strip();
        if (!KEYWORD.matcher(k).matches()) {
          problems.add(problem("rf", tags.get("rf"), "dmarc.parse.expected", "afrf"));
          break;
        } else if (!k.equalsIgnoreCase("afrf")) {
          problems.add(problem("rf", tags.get("rf"), "dmarc.parse.rf-unknown", k));
          break;
        }
      }
    }
    if (tags.has("ri")) {
      String v = tags.get("ri");
      if (!DIGITS.matcher(v).matches() || v.length() > 10 || Long.parseLong(v) > 0xFFFF_FFFFL) {
        problems.add(problem("ri", v, "dmarc.parse.expected", "0-4294967295"));
      }
    }
    choice(tags, "t", "y, n", problems, "y", "n");
    choice(tags, "psd", "y, n, u", problems, "y", "n", "u");
    boolean testing = "y".equalsIgnoreCase(tags.get("t"));
    return new DmarcRecord(tags, policy, sp, np, pct, rua, ruf, testing, List.copyOf(problems));
  }

  private static void choice(TagList tags, String tag, String expected, List<Problem> problems, String... allowed) {
    String v = tags.get(tag);
    if (v != null && java.util.Arrays.stream(allowed).noneMatch(a -> a.equalsIgnoreCase(v))) {
      problems.add(problem(tag, v, "dmarc.parse.expected", expected));
    }
  }

  /** §6.4 {@code dmarc-auri}/{@code dmarc-furi}: URIs separated by commas (a comma inside one must be %-encoded, §6.2). */
  private static List<ReportUri> uris(TagList tags, String tag, List<Problem> problems) {
    String v = tags.get(tag);
    if (v == null) {
      return List.of();
    }
    List<ReportUri> out = new ArrayList<>();
    for (String part : v.split(",", -1)) {
      String text = part.strip();
      ReportUri u = ReportUri.parse(text);
      if (u == null) {
        problems.add(problem(tag, text, "dmarc.parse.uri", text));
      } else if (!u.mailto()) {
        problems.add(problem(tag, text, "dmarc.parse.uri-scheme", text));
      } else {
        out.add(u);
      }
    }
    return List.copyOf(out);
  }

  private static Problem problem(String tag, String value, String key, Object... args) {
    Object[] all = new Object[args.length + 2];
    all[0] = tag;
    all[1] = value;
    System.arraycopy(args, 0, all, 2, args.length);
    return new Problem(tag, value, Text.of(key, all));
  }

  public TagList tags() {
    return tags;
  }

  /** {@code p}: the policy for the domain itself. */
  public Policy policy() {
    return policy;
  }

  /** {@code sp}: the policy for subdomains ({@code p} when absent). */
  public Policy subdomainPolicy() {
    return subdomainPolicy;
  }

  /** {@code np} (DMARCbis): the policy for subdomains that do not exist ({@code sp} when absent or invalid). */
  public Policy nonexistentPolicy() {
    return nonexistentPolicy;
  }

  /** {@code pct}: the share of failing mail the policy applies to (100 when absent or invalid). */
  public int pct() {
    return pct;
  }

  /** {@code t=y} (DMARCbis): the domain is testing its policy; receivers apply one step less. */
  public boolean testing() {
    return testing;
  }

  /** Valid mailto destinations of aggregate reports ({@code rua}). */
  public List<ReportUri> rua() {
    return rua;
  }

  /** Valid mailto destinations of failure reports ({@code ruf}). */
  public List<ReportUri> ruf() {
    return ruf;
  }

  /** Tags whose values receivers ignore, in the order written. */
  public List<Problem> problems() {
    return problems;
  }
}
