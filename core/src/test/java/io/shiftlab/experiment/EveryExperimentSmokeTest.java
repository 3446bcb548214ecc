package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered experiment, at the smoke budget, through the runner: it writes its report files,
 * a manifest and an outcome whose verdict follows from its checks and which records the budget (as
 * timm's test_models.py covers every registered model). A new experiment is covered by adding it to
 * the registry.
 */
class EveryExperimentSmokeTest {
  @TempDir Path dir;

  static Stream<String> experiments() {
    return Experiments.names().stream();
  }

  /** 28x28 toy images for the experiments that take a data set, whatever set they name. */
  private static DataSplits toy(String dataset, long seed, int maxTrain, int maxTest) {
    return TestData.squareSplits("toy/", 160, 40, 40, 10, seed);
  }

  @ParameterizedTest
  @MethodSource("experiments")
  void runsAtTheSmokeBudgetAndWritesItsFiles(String name) throws Exception {
    Experiment<?> e = Experiments.get("EXPERIMENT", name);
    Path target = dir.resolve(name);
    Outcome o =
        ExperimentJob.run(
            e,
            ExperimentContext.quiet(BudgetLevel.SMOKE, 3, EveryExperimentSmokeTest::toy),
            target);
    assertThat(o.experiment()).isEqualTo(name);
    assertThat(o.budget()).isEqualTo("smoke");
    assertThat(o.verdict()).isEqualTo(Verdict.of(o.checks()));
    assertThat(o.checks()).isNotEmpty();
    TestData.assertNonEmptyFiles(
        target, "outcome.json", "manifest.json", "results.md", "results.csv");
    for (Figure fig : o.figures()) {
      assertThat(target.resolve(fig.file())).as(name + " figure").isNotEmptyFile();
    }
    assertThat(ExperimentJob.read(target)).isEqualTo(o);
  }
}
