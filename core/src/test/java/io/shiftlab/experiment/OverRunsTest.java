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
  void intervalIsTheMeanOverRunsOfEachRunsMeanOverImages() {
    Estimate e = OverRuns.interval(RUNS, Function.identity());
    assertThat(e.value()).isEqualTo(0.75); // (2/4 + 4/4) / 2
    assertThat(e.seeds()).isEqualTo(2);
    // seeds: t(1) 12.706 * sd 0.353553 / sqrt(2) = 3.1765; images: 1.959964 * mean(sqrt(1/3 / 4),
    // 0) = 0.282896; half-width 3.189072: two runs that differ leave everything open, cut to the
    // flags' range [0, 1]
    assertThat(e.lo()).isEqualTo(0.0);
    assertThat(e.hi()).isEqualTo(1.0);
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
