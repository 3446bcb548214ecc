package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentJobTest {
  private static final ImageSet TINY = new ImageSet("tiny", new byte[4], new int[] {0}, 2, 1, 2, 2);

  /** Loads the named data sets through its context, writes one file, holds one check. */
  private record Loading(List<String> datasets, boolean fail)
      implements Experiment<String>, Report<String> {
    @Override
    public ExperimentInfo info() {
      return new ExperimentInfo("loading", "test", "loads data", datasets);
    }

    @Override
    public String measure(ExperimentContext ctx, Path dir) {
      for (String d : datasets) {
        ctx.data().load(d, ctx.seed(), 0, 0);
      }
      if (fail) {
        throw new IllegalStateException("boom");
      }
      return "1";
    }

    @Override
    public Report<String> report() {
      return this;
    }

    @Override
    public void write(String result, Path dir) {
      try {
        Files.writeString(dir.resolve("results.md"), "done\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Findings findings(String result) {
      Table t = Table.builder(Column.text("x")).row(result).build();
      return new Findings(
          "setup", t, List.of(), List.of(new Check("x", true, result)), List.of(), List.of());
    }
  }

  private static ExperimentContext context(long seed) {
    return ExperimentContext.quiet(
        BudgetLevel.SMOKE,
        seed,
        (name, s, maxTrain, maxTest) ->
            new DataSplits(TINY, TINY, TINY, Map.of(name + "-images.gz", "sha-of-" + name)));
  }

  @Test
  void manifestNamesTheSeedAndEveryDataFileTheExperimentLoaded(@TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("loading");
    Outcome o = ExperimentJob.run(new Loading(List.of("b", "a"), false), context(42), out);
    assertThat(o.verdict()).isEqualTo(Verdict.REPRODUCED);
    JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(42);
    assertThat(manifest.get("device").asText()).isEqualTo("cpu");
    assertThat(Json.mapper().convertValue(manifest.get("dataSha256"), Map.class))
        .isEqualTo(Map.of("a-images.gz", "sha-of-a", "b-images.gz", "sha-of-b"));
    assertThat(out.resolve("outcome.json")).isNotEmptyFile();
    assertThat(out.resolve("results.md")).hasContent("done");
  }

  @Test
  void anExperimentWithoutDataGetsAManifestWithNoChecksums(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("synthetic");
    ExperimentJob.run(new Loading(List.of(), false), context(7), out);
    JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(7);
    assertThat(manifest.get("dataSha256").size()).isZero();
  }

  @Test
  void aFailedRunLeavesNothingBehind(@TempDir Path tmp) {
    Path out = tmp.resolve("failed");
    assertThatThrownBy(() -> ExperimentJob.run(new Loading(List.of("a"), true), context(1), out))
        .hasMessage("boom");
    assertThat(out).doesNotExist();
    assertThat(tmp).isEmptyDirectory();
  }
}
