package dev.mailcheck.owner;

import java.util.List;

/**
 * How to get a PTR set for an address of one kind of holder, as kept in {@code owner/routes.json}.
 *
 * @param id the route's name, e.g. {@code kt}
 * @param holder the holder as the route's text names it ({@code KT}), or null to name the holder RDAP gave
 * @param asns origin ASes that identify the holder
 * @param holders lower-case words that identify the holder in its RDAP name or description
 * @param nationalSubAllocation whether the route is for a network a national registry allocated to
 *     a holder that no ISP route matched (a hosting company's or IDC's second-level allocation)
 * @param text the message key of the steps; its placeholders: {0} the IP, {1} the mail host name,
 *     {2} the holder, {3} the link's URL
 * @param link the playbook link of the place the request is made, or null
 * @param source where the procedure comes from
 * @param verified when it was last checked against its source, or null when it could not be
 * @param note why a route is unverified ({@code unverified: …}), or null
 */
public record PtrRoute(String id, String holder, List<Long> asns, List<String> holders, boolean nationalSubAllocation,
    String text, String link, String source, String verified, String note) {

  public PtrRoute {
    asns = List.copyOf(asns);
    holders = List.copyOf(holders);
  }
}
