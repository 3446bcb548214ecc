package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.stats.Estimate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OverRunsTest {
  /** Two runs of four test images each: 2 of 4 and 4 of 4 correct. */
  static final List<double[]> RUNS = List.of(new double[] {1, 0, 1, 0}, new double[] {1, 1, 1, 1});

  @Test
  void bootstrapIsTheMeanOverRunsOfEachRunsMeanOverImages() {
    Estimate e = OverRuns.bootstrap(RUNS, Function.identity());
    assertThat(e.value()).isEqualTo(0.75); // (2/4 + 4/4) / 2
    assertThat(e.seeds()).isEqualTo(2);
    assertThat(e.lo()).isBetween(0.0, 0.75);
    assertThat(e.hi()).isBetween(0.75, 1.0);
  }

  @Test
  void pairedIsRunRMinusRunRImageForImage() {
    List<double[]> none = List.of(new double[] {0, 0, 0, 0}, new double[] {0, 0, 1, 1});
    // run 0: 2/4 - 0/4, run 1: 4/4 - 2/4; mean of 0.5 and 0.5
    Estimate e = OverRuns.paired("a", RUNS, "b", none, Function.identity());
    assertThat(e.value()).isEqualTo(0.5);
    assertThat(OverRuns.paired("a", RUNS, "b", RUNS, Function.identity()).hi()).isEqualTo(0);
  }

  @Test
  void pairingArmsWithDifferentRunCountsNamesBoth() {
    assertThatThrownBy(
            () -> OverRuns.paired("CNN1", RUNS, "CNN2", RUNS.subList(0, 1), Function.identity()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CNN1 has 2 runs, CNN2 1");
  }

  @Test
  void aResultNeedsAtLeastOneSeed() {
    OverRuns.requireSeeds(1);
    assertThatThrownBy(() -> OverRuns.requireSeeds(0)).hasMessage("seeds must be >= 1, got 0");
  }
}
