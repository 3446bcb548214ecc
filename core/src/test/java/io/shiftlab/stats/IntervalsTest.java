package io.shiftlab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.report.Json;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntervalsTest {
  @Test
  void tIntervalMatchesAHandComputation() {
    // mean 2, sample sd 1, n 3: half-width 4.303 * 1 / sqrt(3) = 2.4844
    Estimate e = Intervals.overSeeds(1, 2, 3);
    assertThat(e.value()).isEqualTo(2.0);
    assertThat(e.lo()).isCloseTo(2 - 2.48434, within(1e-4));
    assertThat(e.hi()).isCloseTo(2 + 2.48434, within(1e-4));
    assertThat(e.seeds()).isEqualTo(3);
    // two seeds: t(1) = 12.706, sd of {0, 1} = 0.7071, half-width 12.706 * 0.5 = 6.353
    assertThat(Intervals.overSeeds(0, 1).hi()).isCloseTo(0.5 + 6.353, within(1e-3));
  }

  @Test
  void oneSeedHasNoIntervalAndIdenticalSeedsHaveAPointInterval() {
    Estimate one = Intervals.overSeeds(0.7);
    assertThat(one.lo()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(one.hi()).isEqualTo(Double.POSITIVE_INFINITY);
    Estimate same = Intervals.overSeeds(0.5, 0.5, 0.5);
    assertThat(same.lo()).isEqualTo(0.5);
    assertThat(same.hi()).isEqualTo(0.5);
  }

  @Test
  void tQuantilesAreStudents() {
    assertThat(Intervals.t975(1)).isEqualTo(12.706);
    assertThat(Intervals.t975(2)).isEqualTo(4.303);
    assertThat(Intervals.t975(30)).isEqualTo(2.042);
    assertThat(Intervals.t975(1000)).isEqualTo(1.96);
    assertThatThrownBy(() -> Intervals.t975(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bootstrapOfConstantFlagsIsThePoint() {
    double[] ones = new double[50];
    Arrays.fill(ones, 1);
    Estimate e = Intervals.bootstrap(new double[][] {ones, ones});
    assertThat(e.value()).isEqualTo(1.0);
    assertThat(e.lo()).isEqualTo(1.0);
    assertThat(e.hi()).isEqualTo(1.0);
    assertThat(e.method()).isEqualTo("bootstrap over 2 seeds x 50 images");
  }

  @Test
  void bootstrapOfOneSeedMatchesTheBinomialStandardError() {
    // 400 images, 300 correct: se = sqrt(.75 * .25 / 400) = 0.02165, 95% half-width about 0.0424
    double[] flags = new double[400];
    Arrays.fill(flags, 0, 300, 1);
    Estimate e = Intervals.bootstrap(new double[][] {flags});
    assertThat(e.value()).isEqualTo(0.75);
    assertThat(e.hi() - e.lo()).isCloseTo(2 * 0.0424, within(0.012));
  }

  @Test
  void seedsThatDisagreeWidenTheInterval() {
    double[] a = flags(200, 0.9, 1);
    double[] b = flags(200, 0.6, 2);
    Estimate agree = Intervals.bootstrap(new double[][] {a, a.clone(), a.clone()});
    Estimate disagree = Intervals.bootstrap(new double[][] {a, b, a.clone()});
    assertThat(disagree.hi() - disagree.lo()).isGreaterThan(2 * (agree.hi() - agree.lo()));
    assertThat(disagree.contains(disagree.value())).isTrue();
  }

  @Test
  void theIntervalIsAFunctionOfTheDataAlone() {
    double[][] d = {flags(100, 0.7, 3), flags(100, 0.8, 4)};
    assertThat(Intervals.bootstrap(d)).isEqualTo(Intervals.bootstrap(d));
  }

  @Test
  void pairedDifferencesAndCorrectFlags() {
    assertThat(Intervals.correct(new int[] {1, 2, 3}, new int[] {1, 0, 3}))
        .containsExactly(1, 0, 1);
    assertThat(Intervals.minus(new double[] {1, 0, 1}, new double[] {0, 0, 1}))
        .containsExactly(1, 0, 0);
    assertThatThrownBy(() -> Intervals.minus(new double[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonFiniteInputIsRefused() {
    assertThatThrownBy(() -> Intervals.overSeeds(1, Double.NaN)).hasMessageContaining("not finite");
    assertThatThrownBy(() -> Intervals.bootstrap(new double[][] {{1, Double.NaN}}))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> Intervals.bootstrap(new double[][] {{}}))
        .hasMessageContaining("no images");
  }

  @Test
  void estimateValidatesAndSurvivesJsonWithUnboundedEnds() throws Exception {
    assertThatThrownBy(() -> new Estimate(5, 6, 7, 1, "x"))
        .hasMessageContaining("does not contain");
    assertThatThrownBy(() -> new Estimate(Double.NaN, 0, 1, 1, "x")).hasMessageContaining("NaN");
    Estimate one = Intervals.overSeeds(0.25);
    ObjectMapper m = Json.mapper();
    Estimate back = m.readValue(m.writeValueAsString(one), Estimate.class);
    assertThat(back).isEqualTo(one);
    assertThat(Intervals.overSeeds(1, 2, 3).scaled(-1).lo()).isLessThan(-2);
  }

  private static double[] flags(int n, double p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextDouble() < p ? 1 : 0;
    }
    return out;
  }
}
