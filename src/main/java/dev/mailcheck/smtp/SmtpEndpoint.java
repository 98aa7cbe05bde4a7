package dev.mailcheck.smtp;

import java.net.InetAddress;

/**
 * What to probe.
 *
 * @param address the address to connect to (already resolved through the run's resolvers)
 * @param tlsName the host name the certificate must match (the MX host, RFC 7672 §3.2.3's
 *     reference identifier), also sent as SNI; null when there is no name to check (an IP target
 *     without a PTR name)
 */
public record SmtpEndpoint(InetAddress address, String tlsName) {}
