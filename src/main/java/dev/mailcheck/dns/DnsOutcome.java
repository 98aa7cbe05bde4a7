package dev.mailcheck.dns;

/**
 * What a DNS question came back with. The failure outcomes are kept apart from the "no data"
 * outcomes on purpose: a timeout or SERVFAIL means "could not check", never "record missing".
 */
public enum DnsOutcome {
  /** The name has records of the asked type (RFC 1035 §4.1.1 RCODE 0 with answers). */
  NOERROR,
  /** The name does not exist (RFC 1035 §4.1.1 RCODE 3; RFC 8020: nothing exists below it either). */
  NXDOMAIN,
  /** The name exists but has no records of the asked type (RFC 2308 §2.2). */
  NODATA,
  /** The server could not answer (RCODE 2). */
  SERVFAIL,
  /** The server refused to answer (RCODE 5). */
  REFUSED,
  /** No answer arrived within the per-query timeout, on any resolver tried. */
  TIMEOUT,
  /** Anything else: an unexpected RCODE, a malformed reply, a network error. */
  ERROR;

  /** True when the question was answered: the records, or their absence, can be trusted. */
  public boolean answered() {
    return this == NOERROR || this == NXDOMAIN || this == NODATA;
  }

  /** True when the name or the type has no records: an authoritative "nothing here". */
  public boolean empty() {
    return this == NXDOMAIN || this == NODATA;
  }
}
