package dev.mailcheck.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailcheck.dns.server.DnsWorld;
import dev.mailcheck.dns.server.Fault;
import dev.mailcheck.dns.server.ZoneSigner;
import dev.mailcheck.dnssec.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/** The bundled sample world of {@code mailcheck demo}: zone data, faults, and the targets to show. */
public final class DemoWorld {
  /**
   * One target of the demo and why it is there.
   *
   * @param selectors the DKIM selectors it is checked with (none: the guesses)
   * @param smtp whether its mail hosts are probed over SMTP (they resolve to the demo's own SMTP
   *     server on loopback); the other targets' hosts are documentation addresses, never connected to
   * @param helo the HELO name checked with it, or null
   */
  public record DemoTarget(String target, List<String> selectors, String noteEn, String noteKo, boolean smtp, String helo) {}

  /** The host name the demo's loopback SMTP server announces. */
  public static final String SMTP_HOST = "mail.plaintext.example.com";

  /** The demo's one signed zone, signed with expired signatures; its key is the demo's trust anchor. */
  static final String SIGNED_ZONE = "dnssec.example.org.";

  private final DnsWorld world;
  private final List<DemoTarget> targets;
  private final TrustAnchors anchors;

  private DemoWorld(DnsWorld world, List<DemoTarget> targets, TrustAnchors anchors) {
    this.world = world;
    this.targets = targets;
    this.anchors = anchors;
  }

  public static DemoWorld load() {
    try {
      // The lists' test points come from the list catalog, so the demo's lists pass their health probes.
      DnsWorld world = new DnsWorld().records(resource("world.zone")).records(dev.mailcheck.dnsbl.BlockLists.testPointRecords());
      JsonNode spec = new ObjectMapper().readTree(resource("demo.json"));
      for (JsonNode f : spec.path("faults")) {
        world.fault(f.path("name").asText(), Type.value(f.path("type").asText()), Fault.valueOf(f.path("fault").asText()));
      }
      List<DemoTarget> targets = new ArrayList<>();
      for (JsonNode t : spec.path("targets")) {
        List<String> selectors = new ArrayList<>();
        t.path("selectors").forEach(sel -> selectors.add(sel.asText()));
        targets.add(new DemoTarget(t.path("target").asText(), List.copyOf(selectors), t.path("note").path("en").asText(),
            t.path("note").path("ko").asText(), t.path("smtp").asBoolean(false),
            t.path("helo").isTextual() ? t.path("helo").asText() : null));
      }
      ZoneSigner signer = new ZoneSigner().zone(SIGNED_ZONE, ZoneSigner.Signing.EXPIRED);
      signer.sign(world, java.time.Instant.now());
      return new DemoWorld(world, List.copyOf(targets), TrustAnchors.of(signer.trustAnchor()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DnsWorld world() {
    return world;
  }

  /** Where the demo's DNSSEC validation starts: the key of its signed zone, not the real root's. */
  public TrustAnchors trustAnchors() {
    return anchors;
  }

  public List<DemoTarget> targets() {
    return targets;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoWorld.class.getResourceAsStream("/dev/mailcheck/demo/" + name)) {
      if (in == null) {
        throw new IOException("missing demo resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
