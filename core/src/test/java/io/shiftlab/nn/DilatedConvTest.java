package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

/**
 * {@link PaddedConv2d} with dilation 2, by hand: a 3x3 kernel w = 1..9 (row-major) over a 5x5 image
 * holding a single 1. Cross-correlation with dilation d reads {@code x(i + d(a - 1), j + d(b - 1))}
 * for tap {@code (a, b)}, so the single 1 at {@code (r, c)} shows tap {@code (a, b)} at output
 * {@code (r - d(a - 1), c - d(b - 1))}, wherever that lands (same size: p = d = 2).
 */
class DilatedConvTest {
  private static float[] run(PaddingMode mode, int r, int c) {
    try (NDManager m = PaddedConv2dTest.manager()) {
      Shape in = new Shape(1, 1, 5, 5);
      PaddedConv2d conv = new PaddedConv2d(mode, 1, 3, 1, 2, false);
      conv.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
      conv.initialize(m, DataType.FLOAT32, in);
      conv.getParameters().get("weight").getArray().set(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
      NDArray x = m.zeros(in);
      x.set(new ai.djl.ndarray.index.NDIndex(0, 0, r, c), 1f);
      NDArray y = GradCheck.forwardAsDeclared(conv, x);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 5, 5));
      return y.toFloatArray();
    }
  }

  @Test
  void zeroPaddingPlacesTheTapsTwoPixelsApart() {
    // the 1 at the centre (2, 2): tap (a, b) lands at (2 - 2(a-1), 2 - 2(b-1)), the kernel turned
    float[] y = run(PaddingMode.ZERO, 2, 2);
    float[] expected = {
      9, 0, 8, 0, 7, //
      0, 0, 0, 0, 0, //
      6, 0, 5, 0, 4, //
      0, 0, 0, 0, 0, //
      3, 0, 2, 0, 1
    };
    assertThat(y).containsExactly(expected);
  }

  @Test
  void circularPaddingWrapsTheDilatedTaps() {
    // the 1 at (0, 0): row offsets 2, 0, -2 = 3 (mod 5) for a = 0, 1, 2; the same for columns
    float[] y = run(PaddingMode.CIRCULAR, 0, 0);
    float[] expected = new float[25];
    int[] at = {2, 0, 3};
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        expected[at[a] * 5 + at[b]] = 3 * a + b + 1;
      }
    }
    assertThat(y).containsExactly(expected);
  }

  @Test
  void zeroPaddingLosesTheTapsThatFallOutside() {
    // the 1 at (0, 0): only taps with a, b in {0, 1} land inside, tap (a, b) at (2 - 2a, 2 - 2b)
    float[] y = run(PaddingMode.ZERO, 0, 0);
    float[] expected = new float[25];
    expected[2 * 5 + 2] = 1;
    expected[2 * 5] = 2;
    expected[2] = 4;
    expected[0] = 5;
    assertThat(y).containsExactly(expected);
  }

  @Test
  void partialReweightsByTheDilatedWindowsInsideTheImage() {
    // at (0, 0) the window reads rows/cols -2, 0, 2: 2 x 2 of the 9 taps inside -> x 9/4; the
    // 1 at (0, 0) meets tap (1, 1) = 5 there
    float[] y = run(PaddingMode.PARTIAL, 0, 0);
    assertThat(y[0]).isEqualTo(5 * 9f / 4);
    // at (2, 2) every tap is inside (rows 0, 2, 4): no re-weighting; the 1 meets tap (0, 0) = 1
    assertThat(y[2 * 5 + 2]).isEqualTo(1f);
    // at (2, 0): rows all inside, columns -2, 0, 2 -> 3 x 2 inside -> x 9/6; meets tap (0, 1) = 2
    assertThat(y[2 * 5]).isEqualTo(2 * 9f / 6);
  }
}
