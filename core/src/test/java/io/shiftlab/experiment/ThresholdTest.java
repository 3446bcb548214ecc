package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.stats.Estimate;
import org.junit.jupiter.api.Test;

/** The decision rule on hand-made intervals, at and around each threshold. */
class ThresholdTest {
  private static Estimate e(double lo, double value, double hi) {
    return new Estimate(value, lo, hi, 3, "hand-made");
  }

  @Test
  void aboveHoldsOnlyWhenTheWholeIntervalIsAbove() {
    Threshold t = Threshold.above(95);
    assertThat(t.decide(e(95.5, 97, 99))).isEqualTo(Decision.HELD);
    // the lower end on the threshold is not above it
    assertThat(t.decide(e(95, 97, 99))).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(t.decide(e(93, 96, 99))).isEqualTo(Decision.INCONCLUSIVE);
    // a mean above the threshold does not decide it: the interval does
    assertThat(t.decide(e(80, 96, 99))).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(t.decide(e(90, 93, 95))).isEqualTo(Decision.NOT_HELD);
  }

  @Test
  void belowIsTheMirrorImage() {
    Threshold t = Threshold.below(25);
    assertThat(t.decide(e(1, 3, 5))).isEqualTo(Decision.HELD);
    assertThat(t.decide(e(20, 24, 26))).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(t.decide(e(25, 30, 40))).isEqualTo(Decision.NOT_HELD);
  }

  @Test
  void withinIsAnEquivalenceClaim() {
    Threshold t = Threshold.within(0, 3);
    assertThat(t.decide(e(-2, 0, 2.9))).isEqualTo(Decision.HELD);
    assertThat(t.decide(e(-3, 0, 3))).isEqualTo(Decision.HELD);
    // straddling an edge is undecided; wholly outside is refuted
    assertThat(t.decide(e(1, 2.5, 4))).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(t.decide(e(3.5, 5, 7))).isEqualTo(Decision.NOT_HELD);
    assertThat(t.decide(e(-9, -6, -4))).isEqualTo(Decision.NOT_HELD);
    // an interval wider than the band cannot show equivalence
    assertThat(t.decide(e(-5, 0, 5))).isEqualTo(Decision.INCONCLUSIVE);
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
