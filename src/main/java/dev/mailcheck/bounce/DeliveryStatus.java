package dev.mailcheck.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable part of a delivery status notification ({@code message/delivery-status},
 * RFC 3464 §2.1): one group of per-message fields, then one group per recipient, groups separated by
 * blank lines, fields folded as in message headers (RFC 5322 §2.2.3).
 */
public record DeliveryStatus(String reportingMta, List<Recipient> recipients) {

  /**
   * One recipient's fields (RFC 3464 §2.3). {@code status} is the enhanced code (RFC 3463);
   * {@code remoteMta} and {@code diagnosticCode} are given without their type ({@code dns;}, {@code smtp;}).
   */
  public record Recipient(String finalRecipient, String action, String status, String remoteMta, String diagnosticCode) {
    /** RFC 3464 §2.3.3: {@code failed} and {@code delayed} are the actions a bounce is about. */
    boolean undelivered() {
      return action == null || action.equalsIgnoreCase("failed") || action.equalsIgnoreCase("delayed");
    }
  }

  /** Parses the fields; a text without any recipient group gives an empty list. */
  public static DeliveryStatus parse(String body) {
    String reporting = null;
    List<Recipient> recipients = new ArrayList<>();
    for (Map<String, String> group : groups(body)) {
      if (group.containsKey("reporting-mta")) {
        reporting = valueOf(group.get("reporting-mta"));
      }
      if (group.containsKey("final-recipient") || group.containsKey("diagnostic-code") || group.containsKey("status")) {
        recipients.add(new Recipient(valueOf(group.get("final-recipient")), trim(group.get("action")),
            trim(group.get("status")), valueOf(group.get("remote-mta")), valueOf(group.get("diagnostic-code"))));
      }
    }
    return new DeliveryStatus(reporting, List.copyOf(recipients));
  }

  /** True when the text carries DSN recipient fields, e.g. pasted from a bounce's details. */
  static boolean looksLikeFields(String text) {
    for (String line : text.split("\\R")) {
      String l = line.toLowerCase(Locale.ROOT);
      if (l.startsWith("final-recipient:") || l.startsWith("diagnostic-code:")) {
        return true;
      }
    }
    return false;
  }

  /** The recipient a diagnosis is about: the first that failed, else the first delayed, else the first. */
  public Recipient primary() {
    for (Recipient r : recipients) {
      if (r.action() != null && r.action().equalsIgnoreCase("failed")) {
        return r;
      }
    }
    for (Recipient r : recipients) {
      if (r.undelivered()) {
        return r;
      }
    }
    return recipients.isEmpty() ? null : recipients.get(0);
  }

  private static List<Map<String, String>> groups(String body) {
    List<Map<String, String>> groups = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String name = null;
    for (String line : body.split("\\R", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          groups.add(current);
          current = new LinkedHashMap<>();
        }
        name = null;
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        // A folded line continues the field above (RFC 5322 §2.2.3): unfolding removes only the line break.
        current.put(name, current.get(name) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      current.putIfAbsent(name, line.substring(colon + 1).strip());
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /** A typed value ({@code rfc822; a@b}, {@code dns; mx.example}, {@code smtp; 550 …}) without its type. */
  private static String valueOf(String typed) {
    if (typed == null) {
      return null;
    }
    int semi = typed.indexOf(';');
    String v = semi >= 0 && typed.substring(0, semi).matches("[A-Za-z0-9-]+\\s*") ? typed.substring(semi + 1) : typed;
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  private static String trim(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
