package dev.mailcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM flags each way of starting mailcheck chooses: {@code bin/mailcheck} gives one-shot
 * commands C1 and the serial collector, and {@code serve} the server defaults (tiered compilation,
 * G1, a bounded heap); the Docker image's entry point starts the bot with server flags too. The
 * flags are then given to a real JVM, so a typo or a flag this JDK lacks fails here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherTest {
  private static final Path LAUNCHER = Path.of("bin/mailcheck");

  @Test
  void serveGetsTheServerFlags() throws Exception {
    List<String> cmd = launch(Map.of(), "serve", "--http");
    List<String> flags = jvmFlags(cmd);
    assertTrue(flags.contains("-XX:+UseG1GC"), flags.toString());
    assertTrue(flags.contains("-Xmx256m"), flags.toString());
    assertFalse(flags.stream().anyMatch(f -> f.contains("TieredStopAtLevel") || f.contains("UseSerialGC")), flags.toString());
    assertEquals(List.of("serve", "--http"), cmd.subList(cmd.size() - 2, cmd.size()));

    Map<String, String> effective = effectiveFlags(flags);
    assertEquals("true", effective.get("UseG1GC"));
    assertEquals("true", effective.get("TieredCompilation"));
    assertEquals("4", effective.get("TieredStopAtLevel"));
    assertEquals(String.valueOf(256L << 20), effective.get("MaxHeapSize"));
  }

  @Test
  void aHeapGivenInJdkJavaOptionsIsKept() throws Exception {
    List<String> flags = jvmFlags(launch(Map.of("JDK_JAVA_OPTIONS", "-Xmx192m"), "serve"));
    assertTrue(flags.contains("-XX:+UseG1GC"), flags.toString());
    assertFalse(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), flags.toString());
  }

  @Test
  void oneShotCommandsGetTheQuickStartFlags() throws Exception {
    for (String command : List.of("check", "spf", "demo")) {
      List<String> flags = jvmFlags(launch(Map.of(), command, "example.com"));
      assertTrue(flags.contains("-XX:TieredStopAtLevel=1"), command + " " + flags);
      assertTrue(flags.contains("-XX:+UseSerialGC"), command + " " + flags);
      assertFalse(flags.contains("-XX:+UseG1GC"), command + " " + flags);
    }
    Map<String, String> effective = effectiveFlags(jvmFlags(launch(Map.of(), "check", "example.com")));
    assertEquals("true", effective.get("UseSerialGC"));
    assertEquals("1", effective.get("TieredStopAtLevel"));
  }

  @Test
  void dockerEntryPointStartsTheBotWithServerFlagsAndAHealthCheck() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("Dockerfile"), StandardCharsets.UTF_8);
    String entry = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    List<String> cmd = Arrays.asList(new ObjectMapper().readValue(entry.substring("ENTRYPOINT ".length()), String[].class));
    assertEquals("java", cmd.get(0));
    assertTrue(lines.contains("CMD [\"serve\"]"), "the image's default command is serve");
    List<String> flags = jvmFlags(cmd);
    assertTrue(flags.contains("-XX:+UseG1GC"), flags.toString());
    assertFalse(flags.stream().anyMatch(f -> f.contains("TieredStopAtLevel") || f.contains("UseSerialGC")), flags.toString());
    Map<String, String> effective = effectiveFlags(flags);
    assertEquals("true", effective.get("UseG1GC"));
    assertEquals("4", effective.get("TieredStopAtLevel"));
    assertEquals("75.000000", effective.get("MaxRAMPercentage"));

    int health = lines.indexOf(lines.stream().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst().orElseThrow());
    String check = lines.get(health) + lines.get(health + 1);
    assertTrue(check.contains("http://127.0.0.1:3000/healthz"), check);
    assertTrue(lines.contains("EXPOSE 3000"));
  }

  /** What the launcher would run, from its print mode (which neither builds nor starts anything). */
  private static List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().put("MAILCHECK_PRINT_JVM", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().toList();
  }

  /** The options between the java binary and -jar, without the start-up cache (made per build). */
  private static List<String> jvmFlags(List<String> cmd) {
    return cmd.subList(1, cmd.indexOf("-jar")).stream()
        .filter(f -> !f.startsWith("-XX:AOTCache") && !f.startsWith("-XX:SharedArchiveFile") && !f.startsWith("-Xshare"))
        .toList();
  }

  /** The flags' final values in a JVM started with them (-XX:+PrintFlagsFinal). */
  private static Map<String, String> effectiveFlags(List<String> flags) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.addAll(flags);
    cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    Map<String, String> values = new java.util.HashMap<>();
    for (String line : out.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      // "bool UseG1GC = true {product} {ergonomic}"
      if (f.length >= 4 && f[2].equals("=")) {
        values.put(f[1], f[3]);
      }
    }
    return values;
  }
}
