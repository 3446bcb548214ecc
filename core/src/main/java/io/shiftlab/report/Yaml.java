package io.shiftlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * Reads and writes YAML (for run configs a person edits) with the same mapping rules as {@link
 * Json}: sorted properties and map keys, records, ISO-8601 {@code java.time} values, unknown
 * properties rejected.
 *
 * <p>Output has no {@code ---} document marker and quotes strings only where YAML needs it (a
 * string that looks like a number or boolean stays quoted, so it reads back as a string). Reading
 * reports bad files as {@link io.shiftlab.UserInputException}: {@code "not valid YAML: <reason>
 * (line L, column C)"} for syntax errors, or {@code "does not describe a valid <Type>: ..."} as in
 * {@link Json}.
 */
public final class Yaml {
  private Yaml() {}

  /**
   * Writes a value as YAML atomically.
   *
   * @param file the target
   * @param value a record, bean, map, list or scalar
   * @throws IllegalArgumentException if the value cannot be serialized (nothing is written)
   */
  public static void write(Path file, Object value) {
    Mappers.write(Mappers.YAML, file, value);
  }

  /**
   * Reads a YAML file into a type. Since YAML is a superset of JSON, this also reads JSON files.
   *
   * @param file the file
   * @param type the type to bind to
   * @param <T> the type
   * @return the value, never null
   * @throws io.shiftlab.UserInputException if the file is missing, empty, malformed or does not fit
   */
  public static <T> T read(Path file, Class<T> type) {
    return Mappers.read(Mappers.YAML, "YAML", file, type);
  }

  /**
   * Renders a value as YAML text, exactly as {@link #write} would write it.
   *
   * @param value the value
   * @return the YAML text, ending with a newline
   */
  public static String toString(Object value) {
    return Mappers.toText(Mappers.YAML, value);
  }

  /**
   * Returns a copy of the configured YAML mapper.
   *
   * @return a new mapper with the same configuration
   */
  public static ObjectMapper mapper() {
    return Mappers.YAML.copy();
  }
}
