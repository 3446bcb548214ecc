package io.shiftlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
  @Test
  void publishesTheJobsFilesWithAManifestOfTheSeedDataAndModel(@TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("job");
    String value =
        Runner.run(
            out,
            11,
            s -> {
              assertThat(s.dir()).isEmptyDirectory();
              assertThat(s.dir()).isNotEqualTo(out);
              assertThat(out).doesNotExist();
              assertThat(s.seconds()).isNotNegative();
              s.dataSha256().put("train.gz", "abc");
              s.model(Map.of("file", "model.pt"));
              Files.writeString(s.dir().resolve("result.txt"), "42\n");
              return "value";
            });
    assertThat(value).isEqualTo("value");
    assertThat(out.resolve("result.txt")).hasContent("42");
    JsonNode m = Json.mapper().readTree(out.resolve(Runner.MANIFEST).toFile());
    assertThat(m.get("seed").asLong()).isEqualTo(11);
    assertThat(m.get("dataSha256").get("train.gz").asText()).isEqualTo("abc");
    assertThat(m.get("model").get("file").asText()).isEqualTo("model.pt");
  }

  @Test
  void aJobWithoutAModelGetsNoModelEntry(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("job");
    Runner.run(out, 3, s -> null);
    JsonNode m = Json.mapper().readTree(out.resolve(Runner.MANIFEST).toFile());
    assertThat(m.has("model") && !m.get("model").isNull()).isFalse();
    assertThat(m.get("dataSha256").size()).isZero();
  }

  @Test
  void aFailingJobLeavesThePreviousResultsAndNoStagingDebris(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("job");
    Runner.run(out, 1, s -> Files.writeString(s.dir().resolve("old.txt"), "old"));
    assertThatThrownBy(
            () ->
                Runner.run(
                    out,
                    2,
                    s -> {
                      Files.writeString(s.dir().resolve("new.txt"), "new");
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(out.resolve("old.txt")).hasContent("old");
    assertThat(out.resolve("new.txt")).doesNotExist();
    assertThat(Json.mapper().readTree(out.resolve(Runner.MANIFEST).toFile()).get("seed").asLong())
        .isEqualTo(1);
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(out);
    }
  }
}
