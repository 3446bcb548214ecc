package io.shiftlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    Mappers.write(Mappers.JSON, file, value);
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
    return Mappers.read(Mappers.JSON, "JSON", file, type);
  }

  /**
   * Renders a value as JSON text, exactly as {@link #write} would write it.
   *
   * @param value the value
   * @return the JSON text, ending with a newline
   */
  public static String toString(Object value) {
    return Mappers.toText(Mappers.JSON, value);
  }

  /**
   * Returns a copy of the configured mapper, for callers that need streaming or tree access.
   * Changes to the copy do not affect this class.
   *
   * @return a new mapper with the same configuration
   */
  public static ObjectMapper mapper() {
    return Mappers.JSON.copy();
  }
}
