package dev.mailcheck.target;

import java.net.InetAddress;

/**
 * What to check, as understood from the user's input.
 *
 * @param input the text as typed
 * @param kind a domain (or host name) or an IP address
 * @param name the domain in lower-case A-labels without the trailing dot, or the IP in canonical text
 * @param unicode the domain in Unicode (U-labels), equal to {@code name} when it is ASCII or an IP
 * @param ip the address when {@code kind} is {@link Kind#IP}, else null
 */
public record Target(String input, Kind kind, String name, String unicode, InetAddress ip) {

  public enum Kind {
    DOMAIN,
    IP
  }

  public boolean isIp() {
    return kind == Kind.IP;
  }

  /** The name for people: {@code 한국.kr (xn--3e0b707e.kr)} when the two forms differ. */
  public String display() {
    return unicode.equals(name) ? name : unicode + " (" + name + ")";
  }
}
