package dev.mailcheck.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request body the way Slack does ({@code X-Slack-Signature: v0=} hex HMAC-SHA256 of
 * {@code v0:timestamp:body} with the signing secret), for the benchmark and the tests that play
 * Slack's part. Verification of incoming requests is Bolt's.
 */
public final class RequestSigner {
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

  @Override
  public String toString() {
    return "RequestSigner[secret hidden]";
  }
}
