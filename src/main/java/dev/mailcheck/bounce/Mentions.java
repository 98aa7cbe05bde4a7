package dev.mailcheck.bounce;

import dev.mailcheck.dns.Addresses;
import dev.mailcheck.spf.SpfRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and addresses a bounce mentions: host names (plain, in links, in mail addresses), IP
 * addresses, and the host that rejected the message where an MTA's report says so.
 */
final class Mentions {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOST = Pattern.compile("(?<![\\w@.-])((?:" + LABEL + "\\.)+[A-Za-z]{2,24})(?![\\w-]|\\.\\w)");
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://((?:" + LABEL + "\\.)+[A-Za-z]{2,24})");
  private static final Pattern ADDRESS = Pattern.compile("([\\w.+*%-]+)@((?:" + LABEL + "\\.)+[A-Za-z]{2,24})(?![\\w-])");
  private static final Pattern RECIPIENT_AFTER = Pattern.compile("(?i)>?:?\\s*(?:recipient address rejected|relay access denied)");
  // Role mailboxes (RFC 2142 §4-5, and the delisting and daemon addresses receivers give): the receiver's own.
  private static final Set<String> ROLES = Set.of("postmaster", "abuse", "hostmaster", "webmaster", "spammaster", "spam",
      "delist", "mailer-daemon", "noreply", "no-reply", "support", "security");
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})(?![\\w]|\\.\\d)");
  private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]*[0-9A-Fa-f])(?![\\w:])");
  // An address right after a host name is that host's address ("host mx.example.net[192.0.2.1] said").
  private static final Pattern HOST_THEN_IP = Pattern.compile("(?:" + LABEL + "\\.)+[A-Za-z]{2,24}\\.?\\s?[\\[(]\\s*$");
  // … except the client's own name and address, which a receiver quotes back ("Client host mail.example[192.0.2.9]").
  private static final Pattern CLIENT_THEN_IP = Pattern.compile("(?i)client\\s+(?:host\\s+)?\\S+\\s?[\\[(]\\s*$");
  // Where MTAs name the host that answered: Postfix "host X[ip] said", Exim "host X [ip]:", sendmail "relay=X".
  private static final Pattern REJECTING_HOST = Pattern.compile(
      "(?i)(?:(?<!client\\s)\\bhost\\s+|\\brelay=|\\bremote-mta:\\s*dns;\\s*)((?:" + LABEL + "\\.)+[A-Za-z]{2,24})\\.?\\s?(?:\\[|\\(|:|\\s+said|,)");
  // A file name such as troubleshooting.aspx is not a host.
  private static final Set<String> FILE_SUFFIXES = Set.of("aspx", "asp", "php", "cgi", "html", "htm", "shtml", "jsp", "txt",
      "eml", "pdf", "png", "jpg", "gif", "exe", "zip", "json", "xml");

  final List<String> hosts = new ArrayList<>();
  final List<String> urlHosts = new ArrayList<>();
  final List<String> addressDomains = new ArrayList<>();
  /** Domains of role addresses such as postmaster@ or delist@: the receiver's, never the sender's. */
  final List<String> roleDomains = new ArrayList<>();
  final List<String> ips = new ArrayList<>();
  final String rejectingHost;

  private Mentions(String rejectingHost) {
    this.rejectingHost = rejectingHost;
  }

  static Mentions in(String text, String remoteMta) {
    String host = remoteMta == null ? null : hostOf(remoteMta);
    if (host == null) {
      Matcher r = REJECTING_HOST.matcher(text);
      if (r.find()) {
        host = r.group(1).toLowerCase(Locale.ROOT);
      }
    }
    Mentions m = new Mentions(host);
    Set<String> urlSeen = new LinkedHashSet<>();
    List<int[]> urlSpans = new ArrayList<>();
    Matcher u = URL.matcher(text);
    while (u.find()) {
      urlSeen.add(u.group(1).toLowerCase(Locale.ROOT));
      int end = u.end();
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      urlSpans.add(new int[] {u.start(), end});
    }
    m.urlHosts.addAll(urlSeen);
    Set<String> addr = new LinkedHashSet<>();
    Set<String> roles = new LinkedHashSet<>();
    Matcher a = ADDRESS.matcher(text);
    while (a.find()) {
      boolean role = ROLES.contains(a.group(1).toLowerCase(Locale.ROOT));
      // Postfix names the address a restriction is about: "<a@b>: Recipient address rejected", "… Relay access denied".
      boolean recipient = RECIPIENT_AFTER.matcher(text.substring(a.end(), Math.min(text.length(), a.end() + 40))).lookingAt();
      if (!recipient) {
        (role ? roles : addr).add(a.group(2).toLowerCase(Locale.ROOT));
      }
    }
    m.addressDomains.addAll(addr);
    m.roleDomains.addAll(roles);
    Set<String> hosts = new LinkedHashSet<>();
    Matcher h = HOST.matcher(text);
    while (h.find()) {
      String name = h.group(1).toLowerCase(Locale.ROOT);
      String tld = h.group(1).substring(h.group(1).lastIndexOf('.') + 1);
      int at = h.start();
      // Names inside a link (its host, or a file in its path) are the link's, counted above.
      boolean inUrl = urlSpans.stream().anyMatch(span -> at >= span[0] && at < span[1]);
      // A mixed-case last label (STOREDRV.Deliver.Exception, RESOLVER.ADR.RecipientNotFound) is a program's name, not a TLD.
      boolean mixedCase = !tld.equals(tld.toLowerCase(Locale.ROOT)) && !tld.equals(tld.toUpperCase(Locale.ROOT));
      if (!FILE_SUFFIXES.contains(tld.toLowerCase(Locale.ROOT)) && !inUrl && !mixedCase) {
        hosts.add(name);
      }
    }
    m.hosts.addAll(hosts);
    m.ips.addAll(addresses(text));
    return m;
  }

  /** {@code mx.example.net}, {@code mx.example.net [192.0.2.1]} or {@code [192.0.2.1]}: the name, or null. */
  private static String hostOf(String mta) {
    Matcher h = HOST.matcher(mta);
    return h.find() ? h.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** IP addresses in the order written, leaving out those of a named host and loopback/unspecified ones. */
  private static List<String> addresses(String text) {
    record Found(int at, String ip) {}
    List<Found> found = new ArrayList<>();
    for (Pattern p : List.of(IPV4, IPV6)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        InetAddress a = SpfRequest.parseAddress(m.group(1));
        if (a == null || a.isLoopbackAddress() || a.isAnyLocalAddress()) {
          continue;
        }
        String before = text.substring(Math.max(0, m.start() - 80), m.start());
        if (HOST_THEN_IP.matcher(before).find() && !CLIENT_THEN_IP.matcher(before).find()) {
          continue;
        }
        found.add(new Found(m.start(), Addresses.text(a)));
      }
    }
    found.sort(java.util.Comparator.comparingInt(Found::at));
    Set<String> out = new LinkedHashSet<>();
    found.forEach(f -> out.add(f.ip()));
    return List.copyOf(out);
  }

  /** Every host named anywhere: the rejecting host, plain names, link hosts and mail domains. */
  List<String> allHosts() {
    Set<String> all = new LinkedHashSet<>();
    if (rejectingHost != null) {
      all.add(rejectingHost);
    }
    all.addAll(hosts);
    all.addAll(urlHosts);
    all.addAll(addressDomains);
    all.addAll(roleDomains);
    return List.copyOf(all);
  }
}
