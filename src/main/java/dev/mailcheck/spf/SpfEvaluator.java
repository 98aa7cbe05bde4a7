package dev.mailcheck.spf;

import dev.mailcheck.dns.DnsAnswer;
import dev.mailcheck.dns.DnsClient;
import dev.mailcheck.dns.DnsNames;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * check_host() of RFC 7208 §4, on the asynchronous {@link DnsClient}.
 *
 * <p>Terms are evaluated strictly left to right (§4.6.2) and the first match decides; {@code redirect=}
 * applies when nothing matched (§6.1); {@code exp=} is read only for a fail (§6.2). Limits (§4.6.4):
 * more than {@value #MAX_DNS_TERMS} DNS-querying terms (include, a, mx, ptr, exists, redirect), more
 * than {@value #MAX_VOID_LOOKUPS} void lookups, or an MX answer of more than {@value #MAX_MX_NAMES}
 * names is a permerror; only the first {@value #MAX_PTR_NAMES} PTR names are used. Include and
 * redirect loops end at the lookup limit. A DNS timeout or server failure is a temperror (§2.6.6),
 * never none.
 *
 * <p>Void lookups are counted per term (§4.6.4 speaks of "terms for which DNS queries return" no
 * records): an {@code a} term whose address query comes back empty, an {@code mx} term with no MX
 * records, an {@code exists} with no A record, a {@code ptr} with no PTR records. Addresses are asked
 * only in the client's family (§5.3, §5.4): for an IPv4 client an IPv4-only host's missing AAAA is
 * never asked, so never void; for an IPv6 client, {@code a:host} where host has only A records is
 * a void lookup, as the RFC's definition (NOERROR with no answers) says. The address lookups of the
 * MX hosts are part of their {@code mx} term and are not counted separately; see docs/SPF.md.
 *
 * <p>While evaluation proceeds, a {@link Prefetcher} asks ahead for the data of later terms; it never
 * changes the counts, which come from evaluation alone.
 */
public final class SpfEvaluator {
  /** §4.6.4: DNS-querying terms per check_host() evaluation. */
  public static final int MAX_DNS_TERMS = 10;
  /** §4.6.4: void lookups. */
  public static final int MAX_VOID_LOOKUPS = 2;
  /** §4.6.4: names in an MX answer. */
  public static final int MAX_MX_NAMES = 10;
  /** §4.6.4: PTR names looked at. */
  public static final int MAX_PTR_NAMES = 10;
  /** §4.6.4: an evaluation SHOULD be limited in time, to no less than 20 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private final DnsClient dns;
  private final boolean prefetch;
  private final Duration timeout;

  public SpfEvaluator(DnsClient dns) {
    this(dns, true, DEFAULT_TIMEOUT);
  }

  /**
   * @param prefetch ask for later terms' data ahead (true except to measure what it saves)
   * @param timeout overall limit of one evaluation; when it passes, the result is temperror
   */
  public SpfEvaluator(DnsClient dns, boolean prefetch, Duration timeout) {
    this.dns = dns;
    this.prefetch = prefetch;
    this.timeout = timeout;
  }

  /** Evaluates the request's identity (MAIL FROM, or HELO when MAIL FROM is empty). Never completes exceptionally. */
  public CompletableFuture<SpfOutcome> checkHost(SpfRequest request) {
    return checkHost(request, request.senderDomain());
  }

  /**
   * check_host() for an explicit starting domain (e.g. to check a HELO name beside the MAIL FROM).
   *
   * <p>The result is decided first, within the time limit; only then is a fail's explanation read,
   * in the time that is left. §6.2: a problem with the explanation (including running out of time)
   * means no explanation, never a different result.
   */
  public CompletableFuture<SpfOutcome> checkHost(SpfRequest request, String domain) {
    Run run = new Run(request, new Lookups(dns));
    if (prefetch) {
      new Prefetcher(run.lookups, run.base, domain).start();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    return TimeLimit.failAfter(run.checkHost(domain), timeout)
        .thenCompose(e -> withExplanation(run, e, deadline))
        .exceptionally(e -> {
          Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
          SpfReason reason = cause instanceof java.util.concurrent.TimeoutException
              ? new SpfReason("spf.reason.time-limit", timeout.toMillis())
              : new SpfReason("spf.reason.internal", String.valueOf(cause));
          // The counts so far: evaluation may still be running on another thread; they are only reported.
          return new SpfOutcome(SpfResult.TEMPERROR, null, null, SpfNames.strip(domain), run.dnsTerms, run.voids, reason);
        });
  }

  /** §6.2: the decided result with its explanation, if one can be read before the deadline. */
  private static CompletableFuture<SpfOutcome> withExplanation(Run run, Eval e, long deadline) {
    if (e.expSpec == null) {
      return done(run.outcome(e, null));
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return done(run.outcome(e, null));
    }
    CompletableFuture<String> exp = run.explanation(e.expSpec, e.domain).exceptionally(t -> null);
    return TimeLimit.completeAfter(exp, null, Duration.ofNanos(left)).thenApply(x -> run.outcome(e, x));
  }

  /**
   * The result of one check_host() level (the top, an include or a redirect); {@code expSpec} is the
   * exp= of the record whose mechanism gave a fail, read only once the whole result is decided.
   */
  private record Eval(SpfResult result, String expSpec, String mechanism, String domain, SpfReason reason) {
    static Eval error(SpfResult r, String domain, SpfReason reason) {
      return new Eval(r, null, null, domain, reason);
    }
  }

  private enum Match { MATCH, NO_MATCH, TEMPERROR, PERMERROR }

  private record Step(Match match, SpfReason reason) {
    static final Step MATCH = new Step(Match.MATCH, null);
    static final Step NO_MATCH = new Step(Match.NO_MATCH, null);
  }

  /** The state of one evaluation. Evaluation is sequential, so its counters need no locking. */
  private static final class Run {
    final SpfRequest request;
    final Lookups lookups;
    final MacroExpander.Values base;
    final int family;
    int dnsTerms;
    int voids;

    Run(SpfRequest request, Lookups lookups) {
      this.request = request;
      this.lookups = lookups;
      this.base = new MacroExpander.Values(request.sender(), request.localPart(), request.senderDomain(), null,
          request.ip(), request.helo(), null, request.receiver(), System.currentTimeMillis() / 1000);
      this.family = request.ip() instanceof Inet4Address ? Type.A : Type.AAAA;
    }

    SpfOutcome outcome(Eval e, String explanation) {
      return new SpfOutcome(e.result, explanation, e.mechanism, e.domain, dnsTerms, voids, e.reason);
    }

    /** §4.3–§4.5: the domain's record, or none / temperror / permerror. */
    CompletableFuture<Eval> checkHost(String domain) {
      String d = SpfNames.strip(domain);
      Name name = SpfNames.forCheckHost(domain);
      if (name == null) {
        return done(Eval.error(SpfResult.NONE, d, new SpfReason("spf.reason.bad-domain", d)));
      }
      return lookups.record(name).thenCompose(selection -> {
        if (selection instanceof SpfRecords.Failed f) {
          return done(Eval.error(SpfResult.TEMPERROR, d, dnsError(f.answer())));
        }
        if (selection instanceof SpfRecords.Missing) {
          return done(Eval.error(SpfResult.NONE, d, new SpfReason("spf.reason.none", d)));
        }
        if (selection instanceof SpfRecords.Multiple m) {
          return done(Eval.error(SpfResult.PERMERROR, d, new SpfReason("spf.reason.multiple", d, m.records().size())));
        }
        SpfRecords.One one = (SpfRecords.One) selection;
        if (one.record() == null) {
          return done(Eval.error(SpfResult.PERMERROR, d, new SpfReason("spf.reason.syntax", d, one.error())));
        }
        return evaluate(one.record(), d, 0);
      });
    }

    /** §4.6.2: directives left to right; then redirect (§6.1); then the default, neutral (§4.7). */
    CompletableFuture<Eval> evaluate(SpfRecord r, String d, int index) {
      if (index == r.mechanisms().size()) {
        String redirect = r.effectiveRedirect();
        if (redirect == null) {
          return done(new Eval(SpfResult.NEUTRAL, null, null, d, new SpfReason("spf.reason.default")));
        }
        if (++dnsTerms > MAX_DNS_TERMS) {
          return done(tooMany(d, "redirect=" + redirect));
        }
        return expand(redirect, d).thenCompose(target -> {
          if (target == null) {
            return done(Eval.error(SpfResult.PERMERROR, d, new SpfReason("spf.reason.expand", "redirect=" + redirect)));
          }
          return checkHost(target).thenApply(e -> e.result == SpfResult.NONE
              ? Eval.error(SpfResult.PERMERROR, e.domain, new SpfReason("spf.reason.redirect-none", SpfNames.strip(target)))
              : e);
        });
      }
      Mechanism m = r.mechanisms().get(index);
      return match(m, d).thenCompose(step -> switch (step.match) {
        case NO_MATCH -> evaluate(r, d, index + 1);
        case TEMPERROR -> done(new Eval(SpfResult.TEMPERROR, null, m.text(), d, step.reason));
        case PERMERROR -> done(new Eval(SpfResult.PERMERROR, null, m.text(), d, step.reason));
        case MATCH -> {
          SpfResult result = m.qualifier().result();
          yield done(new Eval(result, result == SpfResult.FAIL ? r.exp() : null, m.text(), d, null));
        }
      });
    }

    private Eval tooMany(String d, String term) {
      return Eval.error(SpfResult.PERMERROR, d, new SpfReason("spf.reason.too-many", MAX_DNS_TERMS, ordinal(dnsTerms), term, d, dnsTerms));
    }

    CompletableFuture<Step> match(Mechanism m, String d) {
      InetAddress ip = request.ip();
      switch (m.kind()) {
        case ALL -> {
          return done(Step.MATCH);
        }
        case IP4, IP6 -> {
          int prefix = m.kind() == Mechanism.Kind.IP4 ? m.cidr4() : m.cidr6();
          return done(inNetwork(ip.getAddress(), m.network().getAddress(), prefix) ? Step.MATCH : Step.NO_MATCH);
        }
        default -> {
          // The DNS-querying mechanisms below.
        }
      }
      if (++dnsTerms > MAX_DNS_TERMS) {
        return done(new Step(Match.PERMERROR, tooMany(d, m.text()).reason));
      }
      return expand(m.domainSpec() == null ? d : m.domainSpec(), d).thenCompose(target -> {
        if (target == null) {
          return done(new Step(Match.PERMERROR, new SpfReason("spf.reason.expand", m.text())));
        }
        return switch (m.kind()) {
          case INCLUDE -> include(m, target);
          case A -> addresses(m, target);
          case MX -> mx(m, target);
          case PTR -> ptr(target);
          case EXISTS -> exists(target);
          default -> throw new IllegalStateException(m.kind().name());
        };
      });
    }

    /** §5.2: pass matches; fail, softfail, neutral do not; temperror stays; permerror and none are permerror. */
    private CompletableFuture<Step> include(Mechanism m, String target) {
      return checkHost(target).thenApply(e -> switch (e.result) {
        case PASS -> Step.MATCH;
        case FAIL, SOFTFAIL, NEUTRAL -> Step.NO_MATCH;
        case TEMPERROR -> new Step(Match.TEMPERROR, e.reason);
        case PERMERROR -> new Step(Match.PERMERROR, e.reason);
        case NONE -> new Step(Match.PERMERROR, new SpfReason("spf.reason.include-none", m.text(), e.reason));
      });
    }

    /** §5.3: the target's addresses of the client's family, compared with the CIDR length. */
    private CompletableFuture<Step> addresses(Mechanism m, String target) {
      Name name = SpfNames.forQuery(target);
      if (name == null) {
        return done(Step.NO_MATCH);
      }
      return lookups.query(name, family).thenApply(a -> {
        if (!a.outcome().answered()) {
          return new Step(Match.TEMPERROR, dnsError(a));
        }
        if (a.records().isEmpty()) {
          return voidLookup(a);
        }
        return anyInNetwork(a, m) ? Step.MATCH : Step.NO_MATCH;
      });
    }

    /** §5.4: the MX names (at most 10, else permerror) and their addresses. */
    private CompletableFuture<Step> mx(Mechanism m, String target) {
      Name name = SpfNames.forQuery(target);
      if (name == null) {
        return done(Step.NO_MATCH);
      }
      return lookups.query(name, Type.MX).thenCompose(mx -> {
        if (!mx.outcome().answered()) {
          return done(new Step(Match.TEMPERROR, dnsError(mx)));
        }
        List<MXRecord> records = mx.records(MXRecord.class);
        if (records.isEmpty()) {
          return done(voidLookup(mx));
        }
        if (records.size() > MAX_MX_NAMES) {
          return done(new Step(Match.PERMERROR, new SpfReason("spf.reason.mx-limit", mx.question(), records.size(), MAX_MX_NAMES)));
        }
        List<CompletableFuture<DnsAnswer>> hosts = new ArrayList<>();
        for (MXRecord r : records) {
          if (!r.getTarget().equals(Name.root)) {
            hosts.add(lookups.query(r.getTarget(), family));
          }
        }
        return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new)).thenApply(v -> {
          DnsAnswer failed = null;
          for (CompletableFuture<DnsAnswer> h : hosts) {
            DnsAnswer a = h.join();
            if (anyInNetwork(a, m)) {
              return Step.MATCH;
            }
            if (!a.outcome().answered()) {
              failed = a;
            }
          }
          return failed == null ? Step.NO_MATCH : new Step(Match.TEMPERROR, dnsError(failed));
        });
      });
    }

    /** §5.5: a validated PTR name equal to the target or below it. */
    private CompletableFuture<Step> ptr(String target) {
      String t = SpfNames.strip(target).toLowerCase(Locale.ROOT);
      return validatedNames(name -> {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(t) || n.endsWith("." + t);
      }, true).thenApply(names -> names == null ? voidLookup(null) : names.isEmpty() ? Step.NO_MATCH : Step.MATCH);
    }

    /** §5.7: any A record, whatever the client's family. */
    private CompletableFuture<Step> exists(String target) {
      Name name = SpfNames.forQuery(target);
      if (name == null) {
        return done(Step.NO_MATCH);
      }
      return lookups.query(name, Type.A).thenApply(a -> {
        if (!a.outcome().answered()) {
          return new Step(Match.TEMPERROR, dnsError(a));
        }
        return a.records().isEmpty() ? voidLookup(a) : Step.MATCH;
      });
    }

    private Step voidLookup(DnsAnswer a) {
      if (++voids > MAX_VOID_LOOKUPS) {
        return new Step(Match.PERMERROR, a == null
            ? new SpfReason("spf.reason.void-ptr", MAX_VOID_LOOKUPS, ordinal(voids), voids)
            : new SpfReason("spf.reason.void", MAX_VOID_LOOKUPS, ordinal(voids), a.question(), a.outcome(), voids));
      }
      return Step.NO_MATCH;
    }

    /**
     * §5.5 steps: the client's PTR names (first 10) that {@code wanted} accepts, each kept only if one
     * of its addresses is the client. A DNS error on the PTR query means no names (§5.5); an error on
     * a name's address query skips that name. Completes with null when the PTR query was void.
     */
    private CompletableFuture<List<String>> validatedNames(java.util.function.Predicate<String> wanted, boolean countVoid) {
      return lookups.query(DnsNames.reverse(request.ip()), Type.PTR).thenCompose(ptr -> {
        if (!ptr.outcome().answered()) {
          return done(List.<String>of());
        }
        if (ptr.records().isEmpty()) {
          return done(countVoid ? null : List.<String>of());
        }
        List<String> names = new ArrayList<>();
        List<CompletableFuture<DnsAnswer>> forward = new ArrayList<>();
        for (PTRRecord r : ptr.records(PTRRecord.class).stream().limit(MAX_PTR_NAMES).toList()) {
          String n = SpfNames.display(r.getTarget());
          if (wanted.test(n)) {
            names.add(n);
            forward.add(lookups.query(r.getTarget(), family));
          }
        }
        return CompletableFuture.allOf(forward.toArray(CompletableFuture[]::new)).thenApply(v -> {
          List<String> valid = new ArrayList<>();
          for (int k = 0; k < names.size(); k++) {
            DnsAnswer a = forward.get(k).join();
            if (a.outcome().answered() && a.records().stream().anyMatch(r -> sameAddress(r, request.ip()))) {
              valid.add(names.get(k));
            }
          }
          return valid;
        });
      });
    }

    /** §7.3 {@code p}: a validated name equal to the domain, else below it, else any; "unknown" when none. */
    private CompletableFuture<String> validatedName(String d) {
      String dl = d.toLowerCase(Locale.ROOT);
      return validatedNames(n -> true, false).thenApply(names -> {
        for (String n : names) {
          if (n.equalsIgnoreCase(dl)) {
            return n;
          }
        }
        for (String n : names) {
          if (n.toLowerCase(Locale.ROOT).endsWith("." + dl)) {
            return n;
          }
        }
        return names.isEmpty() ? null : names.get(0);
      });
    }

    private MacroExpander.Values values(String d) {
      return base.withDomain(d);
    }

    /** Expands a domain-spec in domain {@code d}; null when it cannot be expanded. */
    CompletableFuture<String> expand(String spec, String d) {
      CompletableFuture<MacroExpander.Values> v = MacroExpander.usesValidatedName(spec)
          ? validatedName(d).thenApply(p -> values(d).withValidatedName(p))
          : done(values(d));
      return v.thenApply(values -> {
        try {
          return MacroExpander.expand(spec, values);
        } catch (SpfSyntaxException e) {
          return null;
        }
      });
    }

    /**
     * §6.2: the explanation of a fail: the exp= domain's single TXT record, macro-expanded. Any
     * problem (DNS error, no or several records, non-ASCII text, bad macros) means no explanation; the
     * lookup counts toward no limit.
     */
    CompletableFuture<String> explanation(String expSpec, String d) {
      return expand(expSpec, d).thenCompose(target -> {
        Name name = target == null ? null : SpfNames.forQuery(target);
        if (name == null) {
          return done((String) null);
        }
        return lookups.query(name, Type.TXT).thenCompose(txt -> {
          List<String> texts = SpfRecords.texts(txt);
          if (!txt.outcome().answered() || texts.size() != 1 || !texts.get(0).chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            return done((String) null);
          }
          String text = texts.get(0);
          CompletableFuture<MacroExpander.Values> v = MacroExpander.usesValidatedName(text)
              ? validatedName(d).thenApply(p -> values(d).withValidatedName(p))
              : done(values(d));
          return v.thenApply(values -> {
            try {
              return MacroExpander.expandExplanation(text, values);
            } catch (SpfSyntaxException e) {
              return null;
            }
          });
        });
      });
    }

    private boolean anyInNetwork(DnsAnswer a, Mechanism m) {
      int prefix = family == Type.A ? m.cidr4() : m.cidr6();
      for (Record r : a.records()) {
        byte[] addr = rawBytes(r);
        if (addr != null && inNetwork(request.ip().getAddress(), addr, prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean sameAddress(Record r, InetAddress ip) {
    byte[] a = rawBytes(r);
    byte[] client = ip.getAddress();
    return a != null && inNetwork(client, a, client.length * 8);
  }

  /** True when the first {@code prefix} bits of both addresses agree; addresses of different families never match. */
  static boolean inNetwork(byte[] a, byte[] b, int prefix) {
    if (a.length != b.length) {
      return false;
    }
    int full = prefix / 8;
    for (int k = 0; k < full; k++) {
      if (a[k] != b[k]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (b[full] & mask);
  }

  /**
   * The address of an A record (4 bytes) or an AAAA record (16 bytes); null for other records. §5.3,
   * §5.4: the client is compared with the addresses of its own family's records, so an AAAA record is
   * always compared as an IPv6 address. Java turns an IPv4-mapped AAAA ({@code ::ffff:a.b.c.d}) into an
   * IPv4 address; it is made 16 bytes again here, so it can never match an IPv4 client (whose A
   * records alone are asked) and is compared bit by bit with an IPv6 one.
   */
  static byte[] rawBytes(Record r) {
    if (r instanceof ARecord four) {
      return four.getAddress().getAddress();
    }
    if (!(r instanceof AAAARecord six)) {
      return null;
    }
    byte[] b = six.getAddress().getAddress();
    if (b.length == 16) {
      return b;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(b, 0, mapped, 12, 4);
    return mapped;
  }

  /** A DNS question that could not be answered: temperror (§2.6.6). */
  private static SpfReason dnsError(DnsAnswer a) {
    return new SpfReason("spf.reason.dns", a.question(), a.outcome());
  }

  static String ordinal(int n) {
    String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
