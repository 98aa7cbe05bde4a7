package dev.mailcheck.target;

import java.net.InetAddress;
import java.util.List;

/**
 * What one check asks for, whichever front end it came from ({@code mailcheck check}, a slash
 * command), as {@link RequestParser} understood it.
 *
 * @param targets what to check, in the order given (one for a slash command)
 * @param from the IP that sends for the (single) domain, or null
 * @param helo the HELO/EHLO name the server announces, or null
 * @param selectors DKIM selectors in lower case, each once
 */
public record CheckRequest(List<Target> targets, InetAddress from, String helo, List<String> selectors) {
  public CheckRequest {
    targets = List.copyOf(targets);
    selectors = List.copyOf(selectors);
  }
}
