package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The float64 reference on cases small enough to work out by hand. */
class ReferenceKernelsTest {
  @Test
  void aTwoByTwoKernelOverAThreeByThreeImage() {
    // x = 1..9 row-major, w = [[1, 0], [0, -1]], b = 0.5: y(i, j) = x(i, j) - x(i+1, j+1) + 0.5
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] w = {1, 0, 0, -1};
    double[] up = {1, 1, 1, 1};
    var r =
        ReferenceKernels.conv2d(
            x, new int[] {1, 1, 3, 3, 1, 2}, w, new double[] {0.5}, ConvGeometry.of(1, 0, 1), up);
    assertThat(r.y().value()).containsExactly(-3.5, -3.5, -3.5, -3.5);
    // d/dx of sum(y): +1 where x is a top-left tap, -1 where it is a bottom-right tap
    assertThat(r.gradInput().value()).containsExactly(1, 1, 0, 1, 0, -1, 0, -1, -1);
    // d/dw(i, j) = sum of the x each tap saw: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
    assertThat(r.gradWeight().value()).containsExactly(12, 16, 24, 28);
    assertThat(r.gradBias().value()).containsExactly(4);
    // magnitudes and term counts for the tolerance: y(0,0) = 0.5 + 1*1 + 2*0 + 4*0 + 5*(-1)
    assertThat(r.y().magnitude()[0]).isEqualTo(6.5);
    assertThat(r.y().terms()[0]).isEqualTo(5);
  }

  @Test
  void paddingStrideAndDilationFollowPyTorch() {
    // 1x1 input of 4x4 ones, 3x3 ones kernel, padding 1, stride 2, dilation 1: windows at (0,0),
    // (0,2), (2,0), (2,2) of the padded 6x6 map see 4, 6, 6, 9 ones
    double[] x = new double[16];
    java.util.Arrays.fill(x, 1);
    double[] w = new double[9];
    java.util.Arrays.fill(w, 1);
    var r =
        ReferenceKernels.conv2d(
            x, new int[] {1, 1, 4, 4, 1, 3}, w, null, ConvGeometry.of(2, 1, 1), new double[4]);
    assertThat(r.y().value()).containsExactly(4, 6, 6, 9);
    // dilation 2 without padding on 5x5: one window reading the corners, edges' middles and centre
    double[] x5 = new double[25];
    for (int i = 0; i < 25; i++) {
      x5[i] = i;
    }
    var d =
        ReferenceKernels.conv2d(
            x5, new int[] {1, 1, 5, 5, 1, 3}, w, null, ConvGeometry.of(1, 0, 2), new double[1]);
    assertThat(d.y().value()).containsExactly(0 + 2 + 4 + 10 + 12 + 14 + 20 + 22 + 24);
  }

  @Test
  void poolingAndSoftmax() {
    double[] x = {1, 5, 2, 0, 3, 4, 8, 6, 7, 9, 10, 11, 12, 13, 14, 15};
    double[] up = {1, 2, 3, 4};
    var max = ReferenceKernels.maxPool2d(x, new int[] {1, 1, 4, 4}, 2, 2, 0, up);
    assertThat(max.y().value()).containsExactly(5, 8, 13, 15);
    assertThat(max.gradInput().value()[1]).isEqualTo(1); // 5 won the first window
    assertThat(max.gradInput().value()[6]).isEqualTo(2);
    var avg = ReferenceKernels.avgPool2d(x, new int[] {1, 1, 4, 4}, 2, 2, up);
    assertThat(avg.y().value()).containsExactly(3.25, 4, 10.25, 12.5);
    var p = ReferenceKernels.softmax(new double[] {1000, 1000, -1000}, 3);
    assertThat(p.value()).containsExactly(0.5, 0.5, 0.0);
  }
}
