package dev.mailcheck.bounce;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides who rejected a message and why, from the {@link Signatures}: codes first (RFC 5321 §4.2,
 * RFC 3463), then the provider's documented clues (reply tags, host names, links), the blocklist named,
 * and the first cause rule that holds.
 */
public final class BounceClassifier {
  private final Signatures signatures;

  public BounceClassifier(Signatures signatures) {
    this.signatures = signatures;
  }

  public static BounceClassifier bundled() {
    return new BounceClassifier(Signatures.bundled());
  }

  /** Diagnoses a bounce as read by {@link BounceReader}. */
  public BounceDiagnosis classify(BounceMessage bounce) {
    ReplyText reply = ReplyText.of(bounce.diagnostic());
    String enhanced = reply.enhancedCode();
    if (enhanced == null && bounce.status() != null && bounce.status().matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
      enhanced = bounce.status(); // the DSN's Status field (RFC 3464 §2.3.4) when the reply has no enhanced code
    }
    String raw = bounce.diagnostic();
    Mentions mentions = Mentions.in(raw, bounce.remoteMta());
    String recipientDomain = domainOf(bounce.recipient());
    String provider = provider(raw, enhanced, mentions, recipientDomain);
    String list = list(raw, mentions);
    Signatures.Rule rule = rule(provider, list, reply.smtpCode(), enhanced, raw, reply.text());
    String category = rule == null ? BounceDiagnosis.UNKNOWN : rule.category();
    String ip = mentions.ips.isEmpty() ? null : mentions.ips.get(0);
    String domain = domain(mentions, recipientDomain, bounce.originalFromDomain(), raw);
    return new BounceDiagnosis(provider, category, list, reply.smtpCode(), enhanced, ip, domain, mentions.rejectingHost,
        rule == null ? null : rule.id());
  }

  /** Classifies a pasted reply. */
  public BounceDiagnosis classify(String text) {
    return classify(BounceMessage.ofText(text));
  }

  /**
   * The provider with the strongest clue; equal strongest clues add up. Microsoft's two receivers share
   * front ends, so their host clues weigh less than the codes and tags that tell them apart.
   */
  private String provider(String raw, String enhanced, Mentions mentions, String recipientDomain) {
    Map<String, Integer> best = new HashMap<>();
    Map<String, Integer> sum = new HashMap<>();
    for (Map.Entry<String, List<Signatures.Clue>> e : signatures.providers().entrySet()) {
      for (Signatures.Clue c : e.getValue()) {
        int w = weight(c, raw, enhanced, mentions, recipientDomain);
        if (w > 0) {
          best.merge(e.getKey(), w, Math::max);
          sum.merge(e.getKey(), w, Integer::sum);
        }
      }
    }
    String chosen = BounceDiagnosis.UNKNOWN;
    int top = 0;
    int topSum = 0;
    for (String p : signatures.providers().keySet()) {
      int b = best.getOrDefault(p, 0);
      int s = sum.getOrDefault(p, 0);
      if (b > top || b == top && b > 0 && s > topSum) {
        chosen = p;
        top = b;
        topSum = s;
      }
    }
    return chosen;
  }

  private static int weight(Signatures.Clue c, String raw, String enhanced, Mentions m, String recipientDomain) {
    return switch (c.kind()) {
      case TAG, NAME -> c.regex().matcher(raw).find() ? c.weight() : 0;
      case CODE -> Signatures.codeMatches(c.pattern(), enhanced) ? c.weight() : 0;
      case HOST -> {
        if (m.rejectingHost != null && Signatures.under(m.rejectingHost, c.pattern())) {
          yield c.weight();
        }
        boolean named = m.hosts.stream().anyMatch(h -> Signatures.under(h, c.pattern()))
            || m.roleDomains.stream().anyMatch(h -> Signatures.under(h, c.pattern()));
        boolean linked = m.urlHosts.stream().anyMatch(h -> Signatures.under(h, c.pattern()));
        boolean mailed = m.addressDomains.stream().anyMatch(h -> Signatures.under(h, c.pattern()));
        // A mail address names a mailbox, not who answered: once the answering host is known (and it is not
        // this receiver's, or the first test would have matched), an address at the receiver's domain says nothing.
        int byAddress = mailed && m.rejectingHost == null ? c.weight() : 0;
        yield Math.max(named ? c.weight() : linked ? Math.min(c.weight(), 2) : 0, byAddress);
      }
      case URL -> m.urlHosts.stream().anyMatch(h -> Signatures.under(h, c.pattern())) ? c.weight() : 0;
      case RECIPIENT -> recipientDomain != null && Signatures.under(recipientDomain, c.pattern()) ? c.weight() : 0;
    };
  }

  /** The blocklist named by one of its zones (a host or link in the text) or by its name; the first in the text. */
  private String list(String raw, Mentions m) {
    String chosen = null;
    int at = Integer.MAX_VALUE;
    for (Signatures.BlockList l : signatures.lists()) {
      for (String host : m.allHosts()) {
        for (String zone : l.zones()) {
          if (Signatures.under(host, zone)) {
            int i = raw.toLowerCase(Locale.ROOT).indexOf(host);
            if (i >= 0 && i < at) {
              chosen = l.id();
              at = i;
            }
          }
        }
      }
      for (Pattern name : l.names()) {
        var matcher = name.matcher(raw);
        if (matcher.find() && matcher.start() < at) {
          chosen = l.id();
          at = matcher.start();
        }
      }
    }
    return chosen;
  }

  private Signatures.Rule rule(String provider, String list, String smtp, String enhanced, String raw, String text) {
    for (Signatures.Rule r : signatures.rules()) {
      if (r.provider() != null && !r.provider().equals(provider)) {
        continue;
      }
      if (r.needsList() && list == null) {
        continue;
      }
      if (!r.smtp().isEmpty() && r.smtp().stream().noneMatch(p -> Signatures.replyMatches(p, smtp))) {
        continue;
      }
      if (!r.enhanced().isEmpty() && r.enhanced().stream().noneMatch(p -> Signatures.codeMatches(p, enhanced))) {
        continue;
      }
      if (!r.tags().isEmpty() && r.tags().stream().noneMatch(p -> p.matcher(raw).find())) {
        continue;
      }
      if (!r.terms().isEmpty() && r.terms().stream().noneMatch(p -> p.matcher(text).find())) {
        continue;
      }
      return r;
    }
    return null;
  }

  /**
   * The sender's domain: the first name mentioned that is neither the receiver's (its hosts, links and
   * the recipient's domain), nor a blocklist's, nor the server naming itself after the reply code; else
   * the returned message's From domain.
   */
  private String domain(Mentions m, String recipientDomain, String originalFrom, String raw) {
    String self = selfNamed(raw);
    for (String candidate : concat(m.addressDomains, m.hosts)) {
      if (candidate.equals(m.rejectingHost) || candidate.equals(self)
          || recipientDomain != null && Signatures.under(candidate, recipientDomain)
          || knownInfrastructure(candidate)) {
        continue;
      }
      return candidate;
    }
    return originalFrom;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** RFC 5321 §4.2: many servers put their own name right after the code ("554 mx.example.net …"). */
  private static String selfNamed(String raw) {
    var m = Pattern.compile("^\\s*[245]\\d\\d[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?((?:[\\w-]+\\.)+[A-Za-z]{2,})\\b").matcher(raw);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private boolean knownInfrastructure(String host) {
    for (List<Signatures.Clue> clues : signatures.providers().values()) {
      for (Signatures.Clue c : clues) {
        if ((c.kind() == Signatures.Kind.HOST || c.kind() == Signatures.Kind.URL || c.kind() == Signatures.Kind.RECIPIENT)
            && Signatures.under(host, c.pattern())) {
          return true;
        }
      }
    }
    for (Signatures.BlockList l : signatures.lists()) {
      for (String zone : l.zones()) {
        if (Signatures.under(host, zone)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String domainOf(String address) {
    if (address == null) {
      return null;
    }
    int at = address.lastIndexOf('@');
    String d = at >= 0 ? address.substring(at + 1) : null;
    return d == null ? null : d.replaceAll("[>\\s].*$", "").toLowerCase(Locale.ROOT);
  }
}
