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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The two configured mappers behind {@link Json} and {@link Yaml}, and their shared file I/O. */
final class Mappers {
  static final ObjectMapper JSON =
      configure(
              JsonMapper.builder()
                  // NaN and the infinities go out as null (NonFiniteAsNullModule), which every
                  // JSON reader takes; reading also accepts the strings "NaN", "Infinity" and
                  // "-Infinity", and bare NaN as Python's json module writes it.
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS))
          .setDefaultPrettyPrinter(
              new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  static final ObjectMapper YAML =
      configure(
          YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build()));

  private Mappers() {}

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

  static String toText(ObjectMapper mapper, Object value) {
    try {
      String text = mapper.writeValueAsString(value);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + describe(value), e);
    }
  }

  static void write(ObjectMapper mapper, Path file, Object value) {
    // Serialize fully before touching the file, so a value that cannot be written leaves no trace.
    AtomicFiles.writeString(file, toText(mapper, value));
  }

  static <T> T read(ObjectMapper mapper, String formatName, Path file, Class<T> type) {
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
