package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.UserInputException;
import org.junit.jupiter.api.Test;

/** The PosENet target maps against values worked out by hand. */
class PositionTargetTest {
  @Test
  void horizontalRampAtWidthThreeIsZeroHalfOnePerColumn() {
    float[] h = PositionTarget.H.map(2, 3);
    assertThat(h).containsExactly(0f, 0.5f, 1f, 0f, 0.5f, 1f);
    float[] v = PositionTarget.V.map(3, 2);
    assertThat(v).containsExactly(0f, 0f, 0.5f, 0.5f, 1f, 1f);
  }

  @Test
  void gaussianIsOneAtTheCentreAndZeroAtAllFourCorners() {
    int w = 5;
    float[] g = PositionTarget.G.map(w, w);
    assertThat(g[2 * w + 2]).isEqualTo(1f);
    for (int corner : new int[] {0, w - 1, (w - 1) * w, w * w - 1}) {
      assertThat(g[corner]).as("corner %d", corner).isEqualTo(0f);
    }
    // sigma = 2.5: exp(-1/12.5) at distance 1, min-max with the corner value exp(-8/12.5)
    double lo = Math.exp(-8 / 12.5);
    assertThat(g[2 * w + 3])
        .isCloseTo((float) ((Math.exp(-1 / 12.5) - lo) / (1 - lo)), within(1e-6f));
    assertThat(g[2 * w + 1]).isEqualTo(g[2 * w + 3]).isEqualTo(g[w + 2]);
  }

  @Test
  void stripesHaveAPeriodOfFourTenthsOfTheSide() {
    // H = 10: P = 4, phases (y + 1/2) / 4 turns give cos = +-0.7071 only: min-max to 1, 0, 0, 1,
    // ...
    float[] hs = PositionTarget.HS.map(10, 3);
    float[] column = new float[10];
    for (int y = 0; y < 10; y++) {
      column[y] = hs[y * 3];
      assertThat(hs[y * 3 + 1]).isEqualTo(hs[y * 3]).isEqualTo(hs[y * 3 + 2]);
    }
    assertThat(column)
        .containsExactly(new float[] {1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f}, within(1e-6f));
    float[] vs = PositionTarget.VS.map(1, 10);
    assertThat(vs).containsExactly(column);
    // a non-integer period: 2.5 periods over W = 20 (P = 8), HS[y] == HS[y + 8]
    float[] hs20 = PositionTarget.HS.map(20, 1);
    for (int y = 0; y + 8 < 20; y++) {
      assertThat(hs20[y + 8]).isCloseTo(hs20[y], within(1e-6f));
    }
  }

  @Test
  void everyMapSpansZeroToOneAndASinglePixelIsZero() {
    for (PositionTarget t : PositionTarget.values()) {
      float[] m = t.map(28, 28);
      float lo = Float.MAX_VALUE;
      float hi = -Float.MAX_VALUE;
      for (float f : m) {
        lo = Math.min(lo, f);
        hi = Math.max(hi, f);
      }
      assertThat(lo).as(t.name()).isEqualTo(0f);
      assertThat(hi).as(t.name()).isEqualTo(1f);
      assertThat(t.map(1, 1)).as(t.name()).containsExactly(0f);
    }
  }

  @Test
  void parsesAListAndRejectsUnknownNames() {
    assertThat(PositionTarget.parseList("--t", "h, VS,h"))
        .containsExactly(PositionTarget.H, PositionTarget.VS);
    assertThatThrownBy(() -> PositionTarget.parseList("--t", "h,x"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("--t")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> PositionTarget.H.map(0, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
