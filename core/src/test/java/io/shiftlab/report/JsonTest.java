package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  /** A run summary as an experiment would write it. */
  record Summary(
      String model,
      double accuracy,
      double loss,
      Instant finished,
      Duration elapsed,
      LocalDate date,
      List<Integer> offsets,
      Map<String, Double> perClass) {}

  /** A validated config, to check that constructor errors reach the user. */
  record Config(int epochs, double lr) {
    Config {
      if (lr <= 0) {
        throw new IllegalArgumentException("lr must be > 0, got " + lr);
      }
    }
  }

  static Summary summary() {
    return new Summary(
        "resnet18",
        0.9353,
        Double.NaN,
        Instant.parse("2024-05-01T12:30:00Z"),
        Duration.ofSeconds(95, 500_000_000),
        LocalDate.of(2024, 5, 1),
        List.of(-2, 0, 2),
        Map.of("zebra", 0.5, "apple", 0.25));
  }

  @Test
  void jsonRoundTripsARecordWithNanAndTime(@TempDir Path dir) {
    Path file = dir.resolve("summary.json");
    Json.write(file, summary());
    assertThat(Json.read(file, Summary.class)).isEqualTo(summary());
  }

  @Test
  void nonFiniteNumbersAreNullAndNullReadsBackAsNaNNeverAsZero(@TempDir Path dir) throws Exception {
    record Row(double loss, float acc, double[] curve, Double optional) {}
    Path file = dir.resolve("row.json");
    Json.write(
        file, new Row(Double.NaN, Float.POSITIVE_INFINITY, new double[] {1, Double.NaN}, null));
    String text = Files.readString(file);
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(text.replaceAll("\\s+", ""))
        .isEqualTo("{\"acc\":null,\"curve\":[1.0,null],\"loss\":null,\"optional\":null}");
    Row back = Json.read(file, Row.class);
    assertThat(back.loss()).isNaN();
    assertThat(back.acc()).isNaN();
    assertThat(back.curve()[0]).isEqualTo(1.0);
    assertThat(back.curve()[1]).isNaN();
    assertThat(back.optional()).isNull();
    // files written before this change: the strings still read as the values they name
    Files.writeString(
        file,
        "{\"loss\": \"Infinity\", \"acc\": \"NaN\", \"curve\": [\"-Infinity\"], \"optional\": 2}");
    Row old = Json.read(file, Row.class);
    assertThat(old.loss()).isInfinite();
    assertThat(old.acc()).isNaN();
    assertThat(old.curve()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void jsonOutputIsSortedPrettyAndStrict() {
    String json = Json.toString(summary());
    assertThat(json)
        .isEqualTo(
            "{\n"
                + "  \"accuracy\" : 0.9353,\n"
                + "  \"date\" : \"2024-05-01\",\n"
                + "  \"elapsed\" : \"PT1M35.5S\",\n"
                + "  \"finished\" : \"2024-05-01T12:30:00Z\",\n"
                + "  \"loss\" : null,\n"
                + "  \"model\" : \"resnet18\",\n"
                + "  \"offsets\" : [ -2, 0, 2 ],\n"
                + "  \"perClass\" : {\n"
                + "    \"apple\" : 0.25,\n"
                + "    \"zebra\" : 0.5\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void readsBareNanAsPythonWritesIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"epochs\": 3, \"lr\": NaN}");
    assertThat(Json.read(file, Config.class).lr()).isNaN();
  }

  @Test
  void malformedJsonBecomesAOneLineUserInputError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\n  \"epochs\": 3,\n  \"lr\": \n}\n");
    assertThatThrownBy(() -> Json.read(file, Config.class))
        .isInstanceOfSatisfying(
            UserInputException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(file.toString());
              assertThat(e.reason()).startsWith("not valid JSON: Unexpected character ('}'");
              assertThat(e.reason()).endsWith("(line 4, column 1)");
              assertThat(e.getMessage()).doesNotContain("\n");
            });
  }

  /** Writes the JSON text and asserts that reading it as a Config is a user error. */
  private static AbstractThrowableAssert<?, ? extends Throwable> readingAsConfig(
      Path file, String json) throws IOException {
    Files.writeString(file, json);
    return assertThatThrownBy(() -> Json.read(file, Config.class))
        .isInstanceOf(UserInputException.class);
  }

  @Test
  void contentThatDoesNotFitTheTypeNamesTheField(@TempDir Path dir) throws Exception {
    Path unknown = dir.resolve("unknown.json");
    readingAsConfig(unknown, "{\"epochs\": 3, \"lr\": 0.1, \"lr_decay\": 2}")
        .hasMessageStartingWith(unknown + ": does not describe a valid Config: ")
        .hasMessageContaining("lr_decay");
    readingAsConfig(dir.resolve("invalid.json"), "{\"epochs\": 3, \"lr\": -1}")
        .hasMessageContaining("does not describe a valid Config: lr must be > 0, got -1.0");
  }

  @Test
  void missingAndEmptyFilesAreUserErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Json.read(dir.resolve("nope.json"), Config.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageEndingWith("nope.json: file not found");
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> Json.read(empty, Config.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(empty + ": ")
        .hasMessageContaining("end-of-input");
    Path nul = dir.resolve("null.json");
    Files.writeString(nul, "null\n");
    assertThatThrownBy(() -> Json.read(nul, Config.class))
        .isInstanceOf(UserInputException.class)
        .hasMessage(nul + ": empty JSON document");
  }

  @Test
  void aValueThatCannotBeSerializedWritesNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.json");
    assertThatThrownBy(() -> Json.write(file, new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.list(dir)).isEmpty();
  }
}
