package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.report.Json;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code eval}, {@code rf} and {@code train --resume} of a run directory whose files were edited or
 * damaged: one line naming the file at fault, exit 2, nothing printed on stdout, nothing written.
 */
class RunFilesTest {
  @TempDir Path dir;

  /** The config.json of a one-epoch cnn2 run, as train writes it. */
  private static final TrainConfig CONFIG =
      TrainConfig.of(ModelRef.of("cnn2"), "digits", 1, 64, OptimizerSettings.adam(1e-3f), 7);

  /** A finished-looking run: config.json of cnn2 and the given metrics.json fields. */
  private Path run(String model, String input, int classes, long parameters) throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Json.write(run.resolve("config.json"), CONFIG);
    Files.writeString(
        run.resolve("metrics.json"),
        String.format(
            "{\"model\":\"%s\",\"input\":\"%s\",\"numClasses\":%d,\"parameters\":%d,"
                + "\"epochsRun\":1,\"bestEpoch\":1,\"stoppedEarly\":false,\"valLoss\":0.5,"
                + "\"valAccuracy\":0.9,\"trainSeconds\":1.0,\"failure\":null}",
            model, input, classes, parameters));
    Files.write(run.resolve("model.params"), new byte[0]);
    return run;
  }

  private static Cli.Result eval(Path run) {
    return Cli.run("eval", run.toString(), "--threads", Cli.THREADS);
  }

  private static void assertOneLine(Cli.Result r, String subject, String... mentions) {
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines()).as(r.describe()).hasSize(1);
    assertThat(r.errLines().get(0)).as(r.describe()).startsWith("shiftlab: " + subject + ": ");
    for (String m : mentions) {
      assertThat(r.errLines().get(0)).contains(m);
    }
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("at io.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void evalRefusesAConfigAndMetricsThatNameDifferentModels() throws IOException {
    Path run = run("cnn1", "1x28x28", 10, 1);
    Cli.Result r = eval(run);
    assertOneLine(
        r,
        run.resolve("metrics.json").toString(),
        "names model cnn1 but " + run.resolve("config.json") + " names cnn2");
    assertThat(run.resolve("eval.json")).doesNotExist();
  }

  static Stream<Arguments> impossibleMetrics() {
    return Stream.of(
        Arguments.of("cnn2", "1x28x28", 0, 85_670, "numClasses must be at least 1, got 0"),
        Arguments.of("cnn2", "1x28x28", -3, 85_670, "numClasses must be at least 1, got -3"),
        Arguments.of("cnn2", "1x100000x100000", 10, 85_670, "input 1x100000x100000 is too large"),
        Arguments.of("cnn2", "1x0x28", 10, 85_670, "every dimension must be positive"),
        Arguments.of("bogus", "1x28x28", 10, 85_670, "unknown model 'bogus'"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("impossibleMetrics")
  void evalAndRfRefuseImpossibleMetrics(
      String model, String input, int classes, long parameters, String reason) throws IOException {
    Path run = run(model, input, classes, parameters);
    String metrics = run.resolve("metrics.json").toString();
    assertOneLine(eval(run), metrics, reason);
    assertThat(run.resolve("eval.json")).doesNotExist();
    assertOneLine(Cli.run("rf", run.toString()), metrics, reason);
  }

  @Test
  void evalRefusesAnInputTheModelCannotTake() throws IOException {
    Path run = run("cnn2", "1x2x2", 10, 85_670);
    assertOneLine(
        eval(run), run.resolve("metrics.json").toString(), "cnn2 cannot be built for input 1x2x2");
  }

  @Test
  void rfRefusesAnInputTheModelCannotTakeBeforePrintingAnything() throws IOException {
    Path run = run("cnn2", "1x2x2", 10, 85_670);
    assertOneLine(
        Cli.run("rf", run.toString()),
        run.resolve("metrics.json").toString(),
        "model cnn2 cannot take input 1x2x2 (layer 01Conv2d: input size 2 is too small for kernel 5");
  }

  @Test
  void evalRefusesAParameterCountTheModelDoesNotHave() throws IOException {
    Path run = run("cnn2", "1x28x28", 10, 5);
    assertOneLine(
        eval(run),
        run.resolve("metrics.json").toString(),
        "says 5 parameters, but model cnn2 for input 1x28x28 and 10 classes has 85670");
  }

  @Test
  void resumeRefusesACheckpointsFileBeforeTraining() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Json.write(run.resolve("config.json"), CONFIG);
    Path checkpoints = Files.writeString(run.resolve("checkpoints"), "mine");
    Cli.Result r = Cli.resume(run, dir.resolve("store"));
    assertOneLine(
        r,
        checkpoints.toString(),
        "exists and is not a directory; move it away so that the run can keep its checkpoints");
    assertThat(checkpoints).hasContent("mine");
    try (var files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("config.json", "checkpoints");
    }
    assertThat(dir.resolve("store")).doesNotExist();
  }
}
