package dev.mailcheck.slack;

import java.time.Duration;

/**
 * A Web API call that did not succeed: Slack's error code ({@code not_in_channel},
 * {@code ratelimited}…), how long Slack asked us to wait when it rate-limited the call, and whether
 * trying again may help (network trouble, 5xx).
 */
public final class SlackCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Slack's error for a channel the bot is not in (public channel without chat:write.public). */
  public static final String NOT_IN_CHANNEL = "not_in_channel";
  /** Slack's error for a channel the bot cannot see: private channels and DMs between people. */
  public static final String CHANNEL_NOT_FOUND = "channel_not_found";
  public static final String RATELIMITED = "ratelimited";
  /** chat.postMessage answered ok without the message's ts: it may be posted, but cannot be threaded. */
  public static final String NO_TS = "no_ts_in_answer";
  /** Slack's errors for a token that is wrong, revoked or not allowed: no other channel will do better. */
  private static final java.util.Set<String> AUTH_ERRORS = java.util.Set.of("invalid_auth", "not_authed", "account_inactive",
      "token_revoked", "token_expired", "org_login_required", "ekm_access_denied", "not_allowed_token_type");

  private final String error;
  private final transient Duration retryAfter;
  private final boolean transientFailure;
  private final boolean notSent;

  public SlackCallException(String method, String error, Duration retryAfter, boolean transientFailure) {
    this(method, error, retryAfter, transientFailure, retryAfter != null);
  }

  /**
   * @param notSent true when Slack certainly did not act on the call (no connection, rate-limited),
   *     so even a call that is not idempotent, such as posting a message, may be made again
   */
  public SlackCallException(String method, String error, Duration retryAfter, boolean transientFailure, boolean notSent) {
    super(method + ": " + error);
    this.error = error;
    this.retryAfter = retryAfter;
    this.transientFailure = transientFailure;
    this.notSent = notSent;
  }

  /** Slack certainly did not act on the call: repeating it cannot post a message twice. */
  public boolean notSent() {
    return notSent;
  }

  /**
   * The call may or may not have taken effect: the request was sent, and then the connection
   * dropped, the answer did not come in time, or Slack answered with a 5xx. A post that failed so
   * is looked for before it is made again.
   */
  public boolean ambiguous() {
    return transientFailure && !notSent;
  }

  public String error() {
    return error;
  }

  /** How long to wait before the call may be repeated (HTTP 429 Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean rateLimited() {
    return retryAfter != null;
  }

  /** True when the same call may succeed later: network trouble or a 5xx from Slack. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The token itself was refused: posting anywhere else would fail the same way. */
  public boolean authFailure() {
    return AUTH_ERRORS.contains(error);
  }

  /**
   * Slack refused the post for something about this channel (not a member, archived, restricted,
   * read-only…) rather than the token or an outage: a DM to the requester may still work.
   */
  public boolean dmMayHelp() {
    return !authFailure() && !isTransient() && !rateLimited() && !"interrupted".equals(error) && !NO_TS.equals(error);
  }

  /** The bot cannot post where it was asked to: the cue for the /invite hint. */
  public boolean cannotPostHere() {
    return NOT_IN_CHANNEL.equals(error) || CHANNEL_NOT_FOUND.equals(error);
  }
}
