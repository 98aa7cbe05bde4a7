/**
 * Bounce diagnosis: reads a pasted rejection or a whole delivery status notification (RFC 3464
 * {@code multipart/report}), finds the reply and enhanced status codes (RFC 5321 §4.2, RFC 3463),
 * who rejected, the blocklist named and the cause, from the signatures in
 * {@code bounce/signatures.json}; explains it in English or Korean with the playbook's links.
 */
package dev.mailcheck.bounce;
