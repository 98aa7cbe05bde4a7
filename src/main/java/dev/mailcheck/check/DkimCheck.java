package dev.mailcheck.check;

import dev.mailcheck.dkim.DkimKeyRecord;
import dev.mailcheck.dkim.SelectorGuesses;
import dev.mailcheck.dkim.TagList;
import dev.mailcheck.dkim.TagSyntaxException;
import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.playbook.FindingFactory;
import dev.mailcheck.playbook.FindingKind;
import dev.mailcheck.report.Area;
import dev.mailcheck.report.Finding;
import dev.mailcheck.report.Severity;
import dev.mailcheck.spf.SpfRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * The domain's DKIM keys (RFC 6376 §3.6): the TXT record at {@code <selector>._domainkey.<domain>}
 * for each selector given with {@code --selector}, or, when none is given, for each bundled guess
 * ({@link SelectorGuesses}), all asked at once. A selector that is a CNAME (as providers publish
 * them) is followed by the DNS layer. Findings {@code dkim.ok}, {@code dkim.key-weak} (RSA under
 * 1024 bits fail, under 2048 warn; RFC 8301 §3.2), {@code dkim.key-revoked} (empty {@code p=}),
 * {@code dkim.testing} ({@code t=y}), {@code dkim.syntax}, {@code dkim.selector-missing} (a given
 * selector without a key) and {@code dkim.not-found} (no guess found one: not a proof of absence).
 */
public final class DkimCheck implements Check {
  /** RFC 8301 §3.2: signers MUST use at least 1024 bits and SHOULD use 2048. */
  static final int MIN_BITS = 1024;
  static final int GOOD_BITS = 2048;

  private static final FindingKind OK = FindingKind.of("dkim.ok");
  private static final FindingKind NOT_FOUND = FindingKind.of("dkim.not-found");
  private static final FindingKind SELECTOR_MISSING = FindingKind.of("dkim.selector-missing");
  private static final FindingKind KEY_WEAK = FindingKind.of("dkim.key-weak");
  private static final FindingKind KEY_REVOKED = FindingKind.of("dkim.key-revoked");
  private static final FindingKind SYNTAX = FindingKind.of("dkim.syntax");
  private static final FindingKind TESTING = FindingKind.of("dkim.testing");

  /** A 512-bit RSA key (made for this purpose, never used to sign) parsed once when the registry loads. */
  private static final String WARM_UP_KEY = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAOx050ZusI4BXhkBYMaiuxuyN31iTHPUw+g4n5oI5/7y+fX7EHiFOcDOW6Wyh3kRq4QIHxTkXUmn1jrhkZpcUi8CAwEAAQ==";

  static {
    // The JDK loads its key providers and ASN.1 classes on first use (a few hundred milliseconds of
    // CPU on a busy machine); here, when the registry is loaded, rather than on a carrier of a run.
    try {
      DkimKeyRecord.parse("p=" + WARM_UP_KEY);
      java.security.KeyFactory.getInstance("Ed25519");
    } catch (TagSyntaxException | java.security.NoSuchAlgorithmException e) {
      // Only a warm-up: a run that needs these reports any real problem itself.
    }
  }

  private final List<String> guesses;

  public DkimCheck() {
    this(SelectorGuesses.bundled());
  }

  DkimCheck(List<String> guesses) {
    this.guesses = List.copyOf(guesses);
  }

  @Override
  public String name() {
    return "dkim";
  }

  @Override
  public Area area() {
    return Area.DKIM;
  }

  @Override
  public boolean aboutDomainRecords() {
    return true;
  }

  @Override
  public CompletableFuture<List<Finding>> run(CheckContext ctx) {
    String domain = ctx.target().name();
    boolean guessing = ctx.options().selectors().isEmpty();
    List<String> selectors = guessing ? guesses : ctx.options().selectors();
    Map<String, CompletableFuture<DnsAnswer>> asked = new LinkedHashMap<>();
    // Every selector at once: the check costs one round trip, however many names it tries.
    for (String s : selectors) {
      asked.put(s, ctx.dns().query(s + "._domainkey." + domain, Type.TXT));
    }
    return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
        .thenApply(v -> findings(ctx, domain, guessing, asked));
  }

  private List<Finding> findings(CheckContext ctx, String domain, boolean guessing, Map<String, CompletableFuture<DnsAnswer>> asked) {
    FindingFactory f = ctx.findings();
    List<Finding> out = new ArrayList<>();
    List<Finding> revoked = new ArrayList<>();
    boolean usable = false;
    boolean failures = false;
    for (Map.Entry<String, CompletableFuture<DnsAnswer>> e : asked.entrySet()) {
      String selector = e.getKey();
      DnsAnswer a = e.getValue().join();
      String name = selector + "._domainkey." + domain;
      if (!a.outcome().answered()) {
        failures = true;
        out.add(ctx.dnsFailure(name(), a));
        continue;
      }
      List<String> texts = SpfRecords.texts(a);
      if (guessing) {
        // A wildcard TXT (an SPF record at *.domain, say) answers every guess; only key-like records count.
        texts = texts.stream().filter(DkimCheck::looksLikeKey).toList();
      }
      List<String> ev = evidence(a, name, texts);
      if (texts.isEmpty()) {
        if (!guessing) {
          out.add(f.make(SELECTOR_MISSING, Severity.FAIL, name, ev, selector, domain, name));
        }
        continue;
      }
      for (String text : texts) {
        List<String> one = evidence(a, name, List.of(text));
        DkimKeyRecord key;
        try {
          key = DkimKeyRecord.parse(text);
        } catch (TagSyntaxException x) {
          out.add(f.make(SYNTAX, Severity.FAIL, name, one, selector, domain, x.toText(), name));
          continue;
        }
        if (key.revoked()) {
          revoked.add(f.make(KEY_REVOKED, Severity.WARN, name, one, selector, domain));
          continue;
        }
        String type = key.keyType() == DkimKeyRecord.KeyType.ED25519 ? "Ed25519" : "RSA";
        if (key.keyType() == DkimKeyRecord.KeyType.RSA && key.bits() < GOOD_BITS) {
          Severity s = key.bits() < MIN_BITS ? Severity.FAIL : Severity.WARN;
          out.add(f.make(KEY_WEAK, s, name, one, selector, domain, key.bits()));
          usable |= s == Severity.WARN;
        } else {
          out.add(f.make(OK, Severity.PASS, name, one, selector, domain, type, key.bits()));
          usable = true;
        }
        if (key.testing()) {
          out.add(f.make(TESTING, Severity.WARN, name, one, selector, domain));
        }
      }
    }
    for (Finding r : revoked) {
      // A revoked key beside a working one is ordinary key rotation; alone, it signs nothing.
      out.add(usable ? f.make(KEY_REVOKED, Severity.INFO, r.subject(), r.evidence(), r.args().toArray()) : r);
    }
    boolean found = out.stream().anyMatch(x -> x.id().startsWith("dkim."));
    if (guessing && !found && !failures) {
      out.add(f.make(NOT_FOUND, Severity.WARN, domain, List.of(String.join(", ", asked.keySet())), domain, asked.size()));
    }
    return out;
  }

  /** A TXT record that could be a DKIM key: it starts with {@code v=DKIM1} or is a tag-list with {@code p}. */
  static boolean looksLikeKey(String text) {
    if (text.startsWith("v=DKIM1")) {
      return true;
    }
    try {
      return TagList.parse(text, false).has("p");
    } catch (TagSyntaxException e) {
      return false;
    }
  }

  private static List<String> evidence(DnsAnswer a, String name, List<String> texts) {
    if (texts.isEmpty()) {
      return List.of(name + ". TXT: " + (a.records().isEmpty() ? a.outcome() : "no DKIM key"));
    }
    List<String> out = new ArrayList<>();
    a.aliases().forEach(r -> out.add(Evidence.record(r)));
    String owner = a.aliases().isEmpty() ? name + "." : a.aliases().get(a.aliases().size() - 1).getTarget().toString();
    texts.forEach(t -> out.add(owner + " TXT " + SpfRecords.quote(t)));
    return out;
  }
}
