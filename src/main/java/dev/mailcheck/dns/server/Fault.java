package dev.mailcheck.dns.server;

/** A misbehaviour the loopback server can be told to show for chosen names. */
public enum Fault {
  /** Never answer (over UDP or TCP): the client must report a timeout. */
  TIMEOUT,
  /** Answer with RCODE SERVFAIL. */
  SERVFAIL,
  /** Answer with RCODE REFUSED. */
  REFUSED,
  /** Over UDP answer with the TC bit and no records; over TCP answer in full. */
  TRUNCATE,
  /** Answer over UDP with TC, and close TCP connections without answering: a server that refuses TCP. */
  TRUNCATE_NO_TCP
}
