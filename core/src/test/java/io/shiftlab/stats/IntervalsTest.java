package io.shiftlab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.report.Json;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void constantFlagsGiveThePoint() {
    double[] ones = new double[50];
    Arrays.fill(ones, 1);
    Estimate e = Intervals.overSeedsAndImages(new double[][] {ones, ones});
    assertThat(e.value()).isEqualTo(1.0);
    assertThat(e.lo()).isEqualTo(1.0);
    assertThat(e.hi()).isEqualTo(1.0);
    assertThat(e.method()).isEqualTo("over 2 seeds x 50 images, t + image error");
  }

  @Test
  void oneSeedIsTheBinomialStandardError() {
    // 400 images, 300 correct: sample variance 300 * 100 / (400 * 399), se = sqrt(var / 400) =
    // 0.021677, half-width 1.959964 * se = 0.042487
    double[] flags = new double[400];
    Arrays.fill(flags, 0, 300, 1);
    Estimate e = Intervals.overSeedsAndImages(new double[][] {flags});
    assertThat(e.value()).isEqualTo(0.75);
    assertThat(e.hi() - 0.75).isCloseTo(0.042487, within(1e-6));
    assertThat(e.lo()).isCloseTo(0.75 - 0.042487, within(1e-6));
    assertThat(e.method()).isEqualTo("over 1 seed x 400 images, image error only");
    Estimate single = Intervals.overSeedsAndImages(new double[][] {{0.3}});
    assertThat(single.lo()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(single.hi()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void seedsAndImagesAddInQuadrature() {
    // three seeds of four values: means 3, 4, 5 (grand 4, sd 1, seed half-width 4.303 / sqrt(3) =
    // 2.484338); each seed's sample variance is 20/3 over 4 values, se = sqrt(20/3 / 4) =
    // 1.290994, image half-width 1.959964 * 1.290994 = 2.530303; hypot = 3.546036
    double[][] d = {{0, 2, 4, 6}, {1, 3, 5, 7}, {2, 4, 6, 8}};
    Estimate e = Intervals.overSeedsAndImages(d);
    assertThat(e.value()).isEqualTo(4.0);
    assertThat(e.hi()).isCloseTo(4 + 3.546036, within(1e-5));
    assertThat(e.lo()).isCloseTo(4 - 3.546036, within(1e-5));
    // correct flags: three seeds at 25%, 50% and 75% of four images reach past [0, 1], cut there
    Estimate flags =
        Intervals.overSeedsAndImages(new double[][] {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}});
    assertThat(flags.lo()).isEqualTo(0.0);
    assertThat(flags.hi()).isEqualTo(1.0);
    // one value per seed: no image error, Student's t over the seeds alone (mean 5, sd sqrt(13),
    // half-width 2.776 * sqrt(13) / sqrt(5) = 4.476166, inside the values' range [0, 10])
    double[][] perSeed = {{0}, {10}, {4}, {5}, {6}};
    Estimate t = Intervals.overSeeds(0, 10, 4, 5, 6);
    assertThat(Intervals.overSeedsAndImages(perSeed).lo()).isCloseTo(t.lo(), within(1e-12));
    assertThat(t.lo()).isCloseTo(5 - 4.476166, within(1e-6));
  }

  @Test
  void theIntervalStaysWithinTheValuesRange() {
    // 2 seeds, 99% and 100% correct of 100: t(1) alone would reach past 100%
    double[] a = new double[100];
    Arrays.fill(a, 1);
    double[] b = a.clone();
    b[0] = 0;
    Estimate e = Intervals.overSeedsAndImages(new double[][] {a, b});
    assertThat(e.value()).isEqualTo(0.995);
    assertThat(e.hi()).isEqualTo(1.0);
    assertThat(e.lo())
        .isCloseTo(0.995 - Math.hypot(12.706 * 0.005, 1.959964 * 0.005), within(1e-6));
    // equal values whose mean rounds past them still give an interval that contains the mean
    Estimate tenths =
        Intervals.overSeedsAndImages(new double[][] {{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}});
    assertThat(tenths.contains(tenths.value())).isTrue();
  }

  @Test
  void seedsThatDisagreeWidenTheInterval() {
    double[] a = flags(200, 0.9, 1);
    double[] b = flags(200, 0.6, 2);
    Estimate agree = Intervals.overSeedsAndImages(new double[][] {a, a.clone(), a.clone()});
    Estimate disagree = Intervals.overSeedsAndImages(new double[][] {a, b, a.clone()});
    assertThat(disagree.hi() - disagree.lo()).isGreaterThan(2 * (agree.hi() - agree.lo()));
    assertThat(disagree.contains(disagree.value())).isTrue();
  }

  /**
   * Coverage, the property the verdict rule rests on: values {@code mu + seed effect + image effect
   * (shared by every seed, as our seeds share one test set) + noise}, 2000 simulated experiments
   * per case, the share whose interval contains {@code mu} must be at least 93% (95% less three
   * standard errors of the simulation). The two-stage bootstrap this interval replaced covered 53%
   * (2 seeds) and 75% (3 seeds) when the seeds dominate.
   */
  @ParameterizedTest(name = "{0} seeds, seed sd {1}, shared image sd {2}, noise sd {3}")
  @CsvSource({
    "2, 1.0, 0.0, 0.5",
    "3, 1.0, 0.0, 0.5",
    "5, 1.0, 0.0, 0.5",
    "3, 0.0, 1.0, 0.5",
    "3, 0.2, 1.0, 1.0",
    "8, 0.3, 0.5, 2.0",
    "1, 0.0, 1.0, 1.0"
  })
  void coversTheTrueMeanAtLeastAsOftenAsItSays(
      int seeds, double seedSd, double imageSd, double noiseSd) {
    int images = 200;
    int trials = 2000;
    SplittableRandom r = new SplittableRandom(42);
    int covered = 0;
    for (int t = 0; t < trials; t++) {
      double[] image = new double[images];
      for (int i = 0; i < images; i++) {
        image[i] = imageSd * gaussian(r);
      }
      double[][] d = new double[seeds][images];
      for (int s = 0; s < seeds; s++) {
        double seed = seedSd * gaussian(r);
        for (int i = 0; i < images; i++) {
          d[s][i] = seed + image[i] + noiseSd * gaussian(r);
        }
      }
      if (Intervals.overSeedsAndImages(d).contains(0)) {
        covered++;
      }
    }
    assertThat((double) covered / trials).isGreaterThanOrEqualTo(0.93);
  }

  @Test
  void theIntervalIsAFunctionOfTheDataAlone() {
    double[][] d = {flags(100, 0.7, 3), flags(100, 0.8, 4)};
    assertThat(Intervals.overSeedsAndImages(d)).isEqualTo(Intervals.overSeedsAndImages(d));
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
    assertThatThrownBy(() -> Intervals.overSeedsAndImages(new double[][] {{1, Double.NaN}}))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> Intervals.overSeedsAndImages(new double[][] {{}}))
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

  /** A standard normal draw (Box-Muller), from the given stream only. */
  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
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
