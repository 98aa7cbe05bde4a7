package dev.mailcheck.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** The parts of a diagnosis that are reported together (one thread reply each in Slack). */
public enum Area {
  SENDING_IPS("sending-ips"),
  SPF("spf"),
  DKIM("dkim"),
  DMARC("dmarc"),
  TRANSPORT("transport"),
  READINESS("readiness"),
  /** Findings about the run itself: DNS failures without a check of their own, the deadline. */
  RUN("run");

  private final String id;

  Area(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** The area a check's findings belong to, as the check declares it; unknown checks report with the run. */
  public static Area forCheck(String check) {
    return dev.mailcheck.check.Checks.areaOf(check);
  }
}
