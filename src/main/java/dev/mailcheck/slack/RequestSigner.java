package dev.mailcheck.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request body the way Slack does ({@code X-Slack-Signature: v0=} hex HMAC-SHA256 of
 * {@code v0:timestamp:body} with the signing secret), for the benchmark and the tests that play
 * Slack's part, and verifies incoming requests before anything reads them.
 */
public final class RequestSigner {
  private static final long MAX_AGE_SECONDS = 300;

  private final SecretKeySpec key;

  public RequestSigner(String signingSecret) {
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestampSeconds + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * True when {@code signature} is this secret's signature of the body at {@code timestamp}, and
   * the timestamp is within five minutes of {@code nowSeconds} (Slack's replay window).
   */
  public boolean verify(String timestamp, String signature, String body, long nowSeconds) {
    if (timestamp == null || signature == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowSeconds - ts) > MAX_AGE_SECONDS) {
      return false;
    }
    byte[] expected = sign(ts, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RequestSigner[secret hidden]";
  }
}
