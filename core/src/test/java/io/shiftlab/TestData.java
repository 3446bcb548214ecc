package io.shiftlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.experiment.BudgetLevel;
import io.shiftlab.experiment.Experiment;
import io.shiftlab.experiment.ExperimentContext;
import io.shiftlab.experiment.ExperimentJob;
import io.shiftlab.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Small synthetic data sets that tests write themselves. */
public final class TestData {
  private TestData() {}

  /**
   * A learnable toy task: class c puts a bright 6x6 square at a class-specific place on a noisy
   * background.
   *
   * @param name the set name
   * @param n the number of images
   * @param classes the number of classes (at most 16)
   * @param seed the seed
   * @return the set, 1x28x28
   */
  public static ImageSet squares(String name, int n, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] px = new byte[n * 784];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(classes);
      labels[i] = c;
      int top = 3 + (c / 4) * 6;
      int left = 3 + (c % 4) * 6;
      for (int p = 0; p < 784; p++) {
        px[i * 784 + p] = (byte) rng.nextInt(40);
      }
      for (int r = top; r < top + 6; r++) {
        for (int col = left; col < left + 6; col++) {
          px[i * 784 + r * 28 + col] = (byte) 230;
        }
      }
    }
    return new ImageSet(name, px, labels, classes, 1, 28, 28);
  }

  /**
   * Skips a test that runs a TorchScript graph on a host where libtorch's own convolution failed
   * the engine self-check: shiftlab refuses such graphs there (README, "Engine self-check"), so the
   * test has nothing to check.
   */
  public static void assumeTorchScriptRuns() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.shiftlab.runtime.TorchRuntime.engineVerdict().nativeConvCorrect(),
        "libtorch's own convolution failed the engine self-check here; TorchScript is refused");
  }

  /**
   * A quiet smoke-budget experiment context with {@code seeds} runs per arm, whose data provider
   * returns square images (train 120, val 40, test {@code test}) whatever data set is named.
   *
   * @param masterSeed the master seed
   * @param classes classes of the squares
   * @param test test images
   * @param seeds runs per arm
   * @return the context
   */
  public static ExperimentContext squaresContext(
      long masterSeed, int classes, int test, int seeds) {
    return smokeContext(
        masterSeed,
        seeds,
        (name, s, maxTrain, maxTest) -> squareSplits("", 120, 40, test, classes, 1));
  }

  /**
   * Training, validation and test sets of {@link #squares}, named {@code PREFIXtrain}, {@code
   * PREFIXval} and {@code PREFIXtest}, drawn with seeds {@code seed}, {@code seed + 1} and {@code
   * seed + 2}.
   *
   * @param prefix what the set names start with
   * @param train training images
   * @param val validation images
   * @param test test images
   * @param classes classes of the squares
   * @param seed the training set's seed
   * @return the splits, with no file hashes
   */
  public static DataSplits squareSplits(
      String prefix, int train, int val, int test, int classes, long seed) {
    return new DataSplits(
        squares(prefix + "train", train, classes, seed),
        squares(prefix + "val", val, classes, seed + 1),
        squares(prefix + "test", test, classes, seed + 2),
        Map.of());
  }

  /**
   * Asserts that a directory holds each of the files, none of them empty.
   *
   * @param dir the directory
   * @param names the file names (relative paths)
   */
  public static void assertNonEmptyFiles(Path dir, String... names) {
    for (String f : names) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
  }

  /**
   * Asserts that {@code dir/runs} holds exactly the given entries, in any order.
   *
   * @param dir an experiment directory
   * @param names the run directory names
   */
  public static void assertRunDirs(Path dir, String... names) throws IOException {
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(names);
    }
  }

  /**
   * Reads a JSON file.
   *
   * @param file the file
   * @return its tree
   */
  public static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /**
   * Runs an experiment through {@link ExperimentJob} on {@link #squaresContext}.
   *
   * @param e the experiment
   * @param target its output directory
   * @param masterSeed the master seed
   * @param classes classes of the squares
   * @param test test images
   * @param seeds runs per arm
   * @return the outcome
   */
  public static <R> Outcome runOnSquares(
      Experiment<R> e, Path target, long masterSeed, int classes, int test, int seeds)
      throws IOException {
    return ExperimentJob.run(e, squaresContext(masterSeed, classes, test, seeds), target);
  }

  /**
   * Reads {@code results.json} of an experiment directory and asserts that it reports {@code seeds}
   * seeds and as many runs.
   *
   * @param dir the experiment directory
   * @param seeds the runs expected
   * @return the results
   */
  public static JsonNode resultsOfSeeds(Path dir, int seeds) throws IOException {
    JsonNode json = json(dir.resolve("results.json"));
    assertThat(json.get("seeds").asInt()).isEqualTo(seeds);
    assertThat(json.get("runs")).hasSize(seeds);
    return json;
  }

  /**
   * A quiet smoke-budget experiment context.
   *
   * @param masterSeed the master seed
   * @param seeds runs per arm
   * @param data what it loads whatever data set is named
   * @return the context
   */
  public static ExperimentContext smokeContext(
      long masterSeed, int seeds, ExperimentContext.DataProvider data) {
    return ExperimentContext.quiet(BudgetLevel.SMOKE, masterSeed, data).withSeeds(seeds);
  }

  /**
   * A quiet smoke-budget context for an experiment that makes its own data: loading any data set
   * fails the test.
   *
   * @param masterSeed the master seed
   * @param seeds runs per arm
   * @param why the failure's message
   * @return the context
   */
  public static ExperimentContext noDataContext(long masterSeed, int seeds, String why) {
    return smokeContext(
        masterSeed,
        seeds,
        (name, seed, maxTrain, maxTest) -> {
          throw new AssertionError(why);
        });
  }

  /** The files every experiment report has: results.md, .csv and .json. */
  public static final List<String> REPORT_FILES =
      List.of("results.md", "results.csv", "results.json");

  /**
   * Asserts that a report directory holds {@link #REPORT_FILES} and the report's own files, none of
   * them empty.
   *
   * @param dir the directory
   * @param own the report's figures and other files
   */
  public static void assertReportFiles(Path dir, String... own) {
    assertNonEmptyFiles(dir, REPORT_FILES.toArray(String[]::new));
    assertNonEmptyFiles(dir, own);
  }
}
