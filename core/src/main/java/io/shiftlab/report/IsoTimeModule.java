package io.shiftlab.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * Writes and reads {@code java.time} values as ISO-8601 strings ({@code toString}/{@code parse}).
 *
 * <p>Why not {@code jackson-datatype-jsr310}: the report layer needs only these few types in one
 * fixed shape, and this keeps the core module's dependency list (and the offline build) unchanged.
 */
final class IsoTimeModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  IsoTimeModule() {
    super("shiftlab-iso-time");
    add(Instant.class, Instant::parse);
    add(LocalDate.class, LocalDate::parse);
    add(LocalDateTime.class, LocalDateTime::parse);
    add(LocalTime.class, LocalTime::parse);
    add(OffsetDateTime.class, OffsetDateTime::parse);
    add(ZonedDateTime.class, ZonedDateTime::parse);
    add(Duration.class, Duration::parse);
  }

  private <T> void add(Class<T> type, Function<String, T> parse) {
    addSerializer(type, ToStringSerializer.instance);
    addDeserializer(type, new Iso<>(type, parse));
  }

  private static final class Iso<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final transient Function<String, T> parse;

    Iso(Class<T> type, Function<String, T> parse) {
      super(type);
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      try {
        return parse.apply(text.strip());
      } catch (DateTimeException e) {
        return type.cast(
            ctxt.handleWeirdStringValue(type, text, "not an ISO-8601 %s", type.getSimpleName()));
      }
    }
  }
}
