package dev.mailcheck.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads what a user gives: a pasted reply, pasted DSN fields, or a whole message ({@code .eml}) —
 * typically a {@code multipart/report; report-type=delivery-status} (RFC 6522) whose
 * {@code message/delivery-status} part (RFC 3464) holds the receiver's reply. MIME structure,
 * transfer encodings (quoted-printable, base64) and charsets are handled by Apache mime4j.
 */
public final class BounceReader {
  /** Larger inputs are refused: a bounce with its returned message is far smaller. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:[ \\t]?.*");
  private static final Pattern MESSAGE_HEADER = Pattern.compile(
      "(?im)^(?:content-type|mime-version|received|return-path|from|subject|message-id|date|x-failed-recipients):");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@\"]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

  private final List<String> originalMarkers;

  public BounceReader(Signatures signatures) {
    this.originalMarkers = signatures.originalMessageMarkers();
  }

  /**
   * Reads the input.
   *
   * @throws BadBounceException when it is empty, too large, or not text
   */
  public BounceMessage read(byte[] input) throws BadBounceException {
    if (input.length > MAX_BYTES) {
      throw new BadBounceException("bounce.error.too-large", MAX_BYTES / (1024 * 1024));
    }
    String text = decode(input);
    if (text.isBlank()) {
      throw new BadBounceException("bounce.error.empty");
    }
    if (looksLikeMessage(text)) {
      return readMessage(input);
    }
    if (DeliveryStatus.looksLikeFields(text)) {
      return fromStatus(DeliveryStatus.parse(text), text, null);
    }
    return BounceMessage.ofText(withoutOriginal(text));
  }

  /** Text as UTF-8, or as ISO-8859-1 when it is not UTF-8; NUL bytes mean it is not text at all. */
  private static String decode(byte[] input) throws BadBounceException {
    for (byte b : input) {
      if (b == 0) {
        throw new BadBounceException("bounce.error.binary");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(input)).toString();
    } catch (CharacterCodingException e) {
      return new String(input, StandardCharsets.ISO_8859_1);
    }
  }

  /** A message starts with header fields (RFC 5322 §2.2), among them ones only a message has. */
  private static boolean looksLikeMessage(String text) {
    String head = text.split("\\r?\\n[ \\t]*\\r?\\n", 2)[0];
    String first = head.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    boolean mbox = first.startsWith("From ") && !first.startsWith("From: ");
    return (mbox || HEADER_LINE.matcher(first).matches()) && MESSAGE_HEADER.matcher(head).find();
  }

  private BounceMessage readMessage(byte[] input) throws BadBounceException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    // Bounces are written by every kind of MTA: accept long lines and odd headers rather than fail.
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    Message message;
    try (InputStream in = new ByteArrayInputStream(skipMboxLine(input))) {
      message = builder.parseMessage(in);
    } catch (IOException e) {
      throw new BadBounceException("bounce.error.unreadable", e.getMessage());
    }
    return fromMessage(message, true);
  }

  /**
   * The bounce in a parsed message. A forwarded bounce (the user's note, then the bounce attached as
   * {@code message/rfc822}) is read from the attachment when the outer message has no reply of its own.
   */
  private BounceMessage fromMessage(Message message, boolean outer) throws BadBounceException {
    Parts parts = new Parts();
    walk(message, parts, true);
    if (parts.status != null) {
      DeliveryStatus status = DeliveryStatus.parse(parts.status);
      if (!status.recipients().isEmpty()) {
        return fromStatus(status, withoutOriginal(parts.human()), parts.originalFrom);
      }
    }
    String human = withoutOriginal(parts.human());
    if (outer && parts.attached != null && !hasReply(human)) {
      BounceMessage inner = fromMessage(parts.attached, false);
      if (inner.dsn() || hasReply(inner.diagnostic())) {
        return inner;
      }
    }
    if (human.isBlank()) {
      throw new BadBounceException("bounce.error.no-text");
    }
    if (DeliveryStatus.looksLikeFields(human)) {
      return fromStatus(DeliveryStatus.parse(human), human, parts.originalFrom);
    }
    return new BounceMessage(human, null, null, null, parts.originalFrom, false);
  }

  private static boolean hasReply(String text) {
    ReplyText r = ReplyText.of(text);
    return r.smtpCode() != null || r.enhancedCode() != null;
  }

  private static byte[] skipMboxLine(byte[] input) {
    if (input.length > 5 && new String(input, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
      for (int i = 0; i < input.length; i++) {
        if (input[i] == '\n') {
          return java.util.Arrays.copyOfRange(input, i + 1, input.length);
        }
      }
    }
    return input;
  }

  /** The reply of the recipient the bounce is about; the human text when the DSN carries no Diagnostic-Code. */
  private static BounceMessage fromStatus(DeliveryStatus status, String human, String originalFrom) {
    DeliveryStatus.Recipient r = status.primary();
    if (r == null) {
      return new BounceMessage(human, null, null, null, originalFrom, false);
    }
    String diagnostic = r.diagnosticCode() != null ? r.diagnosticCode() : human;
    return new BounceMessage(diagnostic, r.status(), r.remoteMta(), r.finalRecipient(), originalFrom, true);
  }

  /** The parts that matter, collected while walking the MIME tree. */
  private static final class Parts {
    String status;
    final List<String> plain = new ArrayList<>();
    final List<String> html = new ArrayList<>();
    String originalFrom;
    Message attached;

    String human() {
      if (!plain.isEmpty()) {
        return String.join("\n", plain);
      }
      return html.stream().map(BounceReader::htmlToText).reduce("", (a, b) -> a + "\n" + b);
    }
  }

  private static void walk(Entity entity, Parts parts, boolean top) throws BadBounceException {
    String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
    Body body = entity.getBody();
    if (body instanceof Multipart mp) {
      for (Entity part : mp.getBodyParts()) {
        walk(part, parts, false);
      }
      return;
    }
    if (body instanceof Message returned) {
      // The returned message (message/rfc822, RFC 3462 §1): its From names the sender's domain; its text is not the bounce.
      if (!top) {
        parts.originalFrom = fromDomain(returned);
        if (parts.attached == null) {
          parts.attached = returned;
        }
        return;
      }
    }
    if (!(body instanceof SingleBody single)) {
      return;
    }
    switch (type) {
      case "message/delivery-status", "message/global-delivery-status" -> {
        if (parts.status == null) {
          parts.status = bytes(single);
        }
      }
      case "text/rfc822-headers", "message/rfc822-headers", "message/global-headers" -> {
        if (parts.originalFrom == null) {
          parts.originalFrom = fromHeaders(bytes(single));
        }
      }
      case "text/plain" -> parts.plain.add(text(single));
      case "text/html" -> parts.html.add(text(single));
      default -> {
        // Attachments and images say nothing about the rejection.
      }
    }
  }

  private static String text(SingleBody body) throws BadBounceException {
    if (body instanceof TextBody t) {
      try (Reader r = t.getReader()) {
        StringBuilder out = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
          out.append(buf, 0, n);
        }
        return out.toString();
      } catch (IOException e) {
        throw new BadBounceException("bounce.error.unreadable", e.getMessage());
      }
    }
    return bytes(body);
  }

  /** A delivery-status part is US-ASCII (RFC 3464 §2.1), UTF-8 in its global form (RFC 6533 §6). */
  private static String bytes(SingleBody body) throws BadBounceException {
    try (InputStream in = body.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadBounceException("bounce.error.unreadable", e.getMessage());
    }
  }

  private static String fromDomain(Message m) {
    if (m.getFrom() == null || m.getFrom().isEmpty()) {
      return null;
    }
    Mailbox box = m.getFrom().get(0);
    return box.getDomain() == null ? null : box.getDomain().toLowerCase(Locale.ROOT);
  }

  private static String fromHeaders(String headers) {
    Matcher from = Pattern.compile("(?im)^from:(.*(?:\\R[ \\t].*)*)").matcher(headers);
    if (!from.find()) {
      return null;
    }
    Matcher a = ADDRESS.matcher(from.group(1));
    return a.find() ? a.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** Text of an HTML part, for bounces without a plain-text part. */
  static String htmlToText(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
        .replaceAll("<[^>]+>", " ")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
  }

  /** The text before the returned copy of the original message (MTAs mark where it starts). */
  private String withoutOriginal(String text) {
    int cut = text.length();
    for (String marker : originalMarkers) {
      int i = text.indexOf(marker);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return text.substring(0, cut);
  }
}
