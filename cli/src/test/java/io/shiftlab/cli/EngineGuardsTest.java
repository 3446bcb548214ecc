package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine self-check as users meet it ({@code shiftlab doctor}, the manifest's {@code engine})
 * and the guards against non-finite numbers: a diverging training run and a model whose logits
 * overflow stop with one line and exit code 4, never with a number.
 */
class EngineGuardsTest {
  @TempDir static Path tmp;

  private static Path data;

  @BeforeAll
  static void writeData() {
    data = IdxFixture.write(tmp.resolve("idx"), 240, 40, 3);
  }

  @Test
  void doctorPrintsTheCheckAndTheConvolutionInForce() {
    Cli.Result r = Cli.run("doctor", "--threads", Cli.THREADS, "--repeats", "1");
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out())
        .contains("libtorch 2.7.1")
        .containsPattern("native +(passed|FAILED), 63 comparisons")
        .containsPattern("convolution  (native|padded-filters|unfold-gemm)")
        .containsPattern("verdict      engine OK");
    assertThat(r.err()).doesNotContain("NNPACK");
  }

  @Test
  void doctorRefusesABadRepeatCount() {
    Cli.Result r = Cli.run("doctor", "--repeats", "0");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("shiftlab: --repeats: must be 1 to 1000, got 0");
  }

  @Test
  void aDivergingRunStopsWithOneLineAndIsMarkedFailed() throws IOException {
    Path run = tmp.resolve("diverged");
    Cli.Result r = Cli.train(data, tmp.resolve("store"), run, 2, "--lr", "1e30");
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.NON_FINITE);
    assertThat(r.errLines().stream().filter(l -> l.startsWith("shiftlab:")).toList())
        .as(r.describe())
        .hasSize(1)
        .allMatch(l -> l.matches("shiftlab: the .* is (NaN|Infinity|-Infinity|NaN or infinite) .*"))
        .allMatch(l -> l.contains(" at epoch 1, batch "))
        .allMatch(l -> l.contains("marked failed in " + run.resolve("metrics.json")));
    JsonNode metrics = Cli.json(run.resolve("metrics.json"));
    assertThat(metrics.get("failure").asText()).contains("at epoch 1, batch");
    assertThat(run.resolve("model.params")).doesNotExist();
    // a failed run is not evaluated as if it had a model
    Cli.Result eval = Cli.run("eval", run.toString(), "--threads", Cli.THREADS);
    assertThat(eval.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(eval.err()).contains("the run failed");
  }

  @Test
  void overflowingLogitsAreRefusedWithOneLine() {
    Cli.assumeTorchScriptRuns();
    Path model = Path.of("../core/src/test/resources/io/shiftlab/nn/tiny_cnn.pt").toAbsolutePath();
    List<String> args =
        Cli.probeArgs(model, data, tmp.resolve("store"), tmp.resolve("probe-inf"), Cli.SMALL_SWEEP);
    args.addAll(List.of("--std", "1e-37"));
    args.set(args.indexOf("--scale") + 1, "255");
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.NON_FINITE);
    assertThat(r.errLines().stream().filter(l -> l.startsWith("shiftlab:")).toList())
        .as(r.describe())
        .hasSize(1)
        .allMatch(l -> l.startsWith("shiftlab: " + model + ": the logits of "))
        .allMatch(l -> l.contains("are NaN or infinite; check the input transform"));
    assertThat(tmp.resolve("probe-inf")).doesNotExist();
  }
}
