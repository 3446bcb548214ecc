package io.shiftlab.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes JSON through one shared, configured Jackson mapper, so every JSON file shiftlab
 * writes has the same deterministic shape.
 *
 * <p>The configuration, chosen so that two runs with the same values produce byte-identical files
 * that diff cleanly:
 *
 * <ul>
 *   <li>pretty-printed with two-space indents and {@code \n} line ends on every OS, plus a final
 *       newline;
 *   <li>bean and record properties sorted alphabetically, and map entries sorted by key;
 *   <li>records read and written through their components (Jackson's built-in support), so a
 *       record's compact constructor validates what is read;
 *   <li>{@code NaN}, {@code Infinity} and {@code -Infinity} written as {@code null}, so the file
 *       stays strict JSON that pandas, jq or a browser read without options; reading turns {@code
 *       null} back into NaN for {@code double} and {@code float} fields and arrays (never into a
 *       silent 0), and also accepts the strings {@code "NaN"}, {@code "Infinity"}, {@code
 *       "-Infinity"} of older files and bare {@code NaN} as Python writes it;
 *   <li>{@code java.time} values ({@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code
 *       LocalTime}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Duration}) as ISO-8601
 *       strings;
 *   <li>unknown properties are an error when reading, so a misspelt config key is caught.
 * </ul>
 *
 * <p>Reading reports bad files as {@link io.shiftlab.UserInputException} with the file as subject:
 * {@code "file not found"}, {@code "not valid JSON: <reason> (line L, column C)"} for syntax
 * errors, or {@code "does not describe a valid <Type>: <reason> at <field> (line L, column C)"}
 * when the syntax is fine but the content does not fit the type.
 */
public final class Json {
  private Json() {}

  /**
   * Writes a value as JSON atomically.
   *
   * @param file the target
   * @param value a record, bean, map, list or scalar
   * @throws IllegalArgumentException if the value cannot be serialized (nothing is written)
   */
  public static void write(Path file, Object value) {
    write(JSON, file, value);
  }

  /**
   * Reads a JSON file into a type.
   *
   * @param file the file
   * @param type the type to bind to
   * @param <T> the type
   * @return the value, never null
   * @throws io.shiftlab.UserInputException if the file is missing, malformed or does not fit
   */
  public static <T> T read(Path file, Class<T> type) {
    return read(JSON, "JSON", file, type);
  }

  /**
   * Renders a value as JSON text, exactly as {@link #write} would write it.
   *
   * @param value the value
   * @return the JSON text, ending with a newline
   */
  public static String toString(Object value) {
    return toText(JSON, value);
  }

  /**
   * Returns a copy of the configured mapper, for callers that need streaming or tree access.
   * Changes to the copy do not affect this class.
   *
   * @return a new mapper with the same configuration
   */
  public static ObjectMapper mapper() {
    return JSON.copy();
  }

  private static final ObjectMapper JSON =
      configure(
              JsonMapper.builder()
                  // NaN and the infinities go out as null (NonFiniteAsNullModule), which every
                  // JSON reader takes; reading also accepts the strings "NaN", "Infinity" and
                  // "-Infinity", and bare NaN as Python's json module writes it.
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS))
          .setDefaultPrettyPrinter(
              new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      M configure(B builder) {
    return builder
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(new IsoTimeModule())
        .addModule(new NonFiniteAsNullModule())
        .build();
  }

  private static String toText(ObjectMapper mapper, Object value) {
    try {
      String text = mapper.writeValueAsString(value);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + describe(value), e);
    }
  }

  private static void write(ObjectMapper mapper, Path file, Object value) {
    // Serialize fully before touching the file, so a value that cannot be written leaves no trace.
    AtomicFiles.writeString(file, toText(mapper, value));
  }

  private static <T> T read(ObjectMapper mapper, String formatName, Path file, Class<T> type) {
    try (InputStream in = Files.newInputStream(file)) {
      T value = mapper.readValue(in, type);
      if (value == null) {
        throw new UserInputException(file.toString(), "empty " + formatName + " document");
      }
      return value;
    } catch (NoSuchFileException e) {
      throw new UserInputException(file.toString(), "file not found", e);
    } catch (DatabindException e) {
      throw new UserInputException(
          file.toString(),
          "does not describe a valid " + type.getSimpleName() + ": " + reason(e) + where(e),
          e);
    } catch (JsonProcessingException e) {
      throw new UserInputException(
          file.toString(), "not valid " + formatName + ": " + reason(e) + where(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String reason(JsonProcessingException e) {
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      // A record's compact constructor rejected the value: its message is the useful part.
      return e.getCause().getMessage();
    }
    String msg = e.getOriginalMessage();
    return msg == null ? e.getClass().getSimpleName() : msg;
  }

  private static String where(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder();
    if (e instanceof JsonMappingException d && !d.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (var ref : d.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      sb.append(" at ").append(path);
    }
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      sb.append(" (line ").append(loc.getLineNr()).append(", column ");
      sb.append(loc.getColumnNr()).append(')');
    }
    return sb.toString();
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
