package dev.mailcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mailcheck.playbook.Lang;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The {@code mailcheck.report/1} JSON document (DESIGN.md). */
public final class JsonRenderer implements ReportRenderer {
  private static final ObjectMapper MAPPER = mapper();

  /** The mapper every JSON output of mailcheck uses: ISO-8601 instants, indented. */
  public static ObjectMapper mapper() {
    SimpleModule instants = new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance);
    return new ObjectMapper().registerModule(instants).enable(SerializationFeature.INDENT_OUTPUT);
  }

  @Override
  public String render(Report report, Lang lang) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
