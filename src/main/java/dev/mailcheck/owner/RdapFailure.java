package dev.mailcheck.owner;

import dev.mailcheck.report.Text;
import java.net.URI;

/**
 * Why no RDAP answer names the holder of an address. {@link #reason()} says it in the user's
 * language ({@code owner.reason.*} texts); {@link #noService()} is the one case that is not a
 * failure to fetch but an address no registry answers for (special-use space).
 */
public final class RdapFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Text reason;
  private final URI url;
  private final boolean noService;

  RdapFailure(Text reason, URI url, boolean noService) {
    super(reason.toString());
    this.reason = reason;
    this.url = url;
    this.noService = noService;
  }

  public Text reason() {
    return reason;
  }

  /** The URL asked, or null when none was. */
  public URI url() {
    return url;
  }

  public boolean noService() {
    return noService;
  }
}
