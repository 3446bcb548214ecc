package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.stats.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision rule on hand-made intervals, at and around each threshold. */
class ThresholdTest {
  private static Estimate e(double lo, double value, double hi) {
    return new Estimate(value, lo, hi, 3, "hand-made");
  }

  private static Threshold threshold(String kind, double a, Double b) {
    return switch (kind) {
      case "above" -> Threshold.above(a);
      case "below" -> Threshold.below(a);
      default -> Threshold.within(a, b);
    };
  }

  /** Each row: the threshold (kind and its one or two numbers), an interval, the decision. */
  @ParameterizedTest(name = "{0} {1} {2}: [{3}, {5}] mean {4} -> {6}")
  @CsvSource({
    // above holds only when the whole interval is above
    "above,  95,  , 95.5, 97,  99,  HELD",
    // the lower end on the threshold is not above it
    "above,  95,  , 95,   97,  99,  INCONCLUSIVE",
    "above,  95,  , 93,   96,  99,  INCONCLUSIVE",
    // a mean above the threshold does not decide it: the interval does
    "above,  95,  , 80,   96,  99,  INCONCLUSIVE",
    "above,  95,  , 90,   93,  95,  NOT_HELD",
    // below is the mirror image
    "below,  25,  , 1,    3,   5,   HELD",
    "below,  25,  , 20,   24,  26,  INCONCLUSIVE",
    "below,  25,  , 25,   30,  40,  NOT_HELD",
    // within is an equivalence claim
    "within, 0,  3, -2,   0,   2.9, HELD",
    "within, 0,  3, -3,   0,   3,   HELD",
    // straddling an edge is undecided; wholly outside is refuted
    "within, 0,  3, 1,    2.5, 4,   INCONCLUSIVE",
    "within, 0,  3, 3.5,  5,   7,   NOT_HELD",
    "within, 0,  3, -9,   -6,  -4,  NOT_HELD",
    // an interval wider than the band cannot show equivalence
    "within, 0,  3, -5,   0,   5,   INCONCLUSIVE",
  })
  void decidesFromTheWholeInterval(
      String kind, double a, Double b, double lo, double value, double hi, Decision expected) {
    assertThat(threshold(kind, a, b).decide(e(lo, value, hi))).isEqualTo(expected);
  }

  @Test
  void anUnboundedIntervalDecidesNothing() {
    Estimate one =
        new Estimate(50, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, "1 seed");
    assertThat(Threshold.above(0).decide(one)).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(Threshold.within(50, 1).decide(one)).isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void describesItselfAndRejectsNonsense() {
    assertThat(Threshold.above(0.5).text(2)).isEqualTo("> 0.50");
    assertThat(Threshold.within(0, 3).text(1)).isEqualTo("within 3.0 of 0.0");
    assertThatThrownBy(() -> Threshold.within(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Threshold.above(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
