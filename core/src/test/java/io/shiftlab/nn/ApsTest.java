package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.shiftlab.runtime.TorchRuntime;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ApsTest {
  // Components (a, b) of this map, x(2i + a, 2j + b), each listed row-major over (i, j):
  // (0,0) = [1 0 0 0]      l1 1, l2^2 1,  linf 1
  // (1,0) = [0 0 -4 0]     l1 4, l2^2 16, linf 4   <- linf
  // (0,1) = [3 3 0 0]      l1 6, l2^2 18, linf 3   <- l2
  // (1,1) = [2 2 2 2]      l1 8, l2^2 16, linf 2   <- l1
  private static final float[] MAP = {
    1, 3, 0, 3, //
    0, 2, 0, 2, //
    0, 0, 0, 0, //
    -4, 2, 0, 2
  };

  private static NDArray handMap(NDManager m) {
    // sample 1: all ones, so all four norms tie and the first component (0,0) wins
    return m.create(MAP, new Shape(1, 1, 4, 4)).concat(m.ones(new Shape(1, 1, 4, 4)), 0);
  }

  @Test
  void eachNormSelectsItsHandComputedComponent() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = handMap(m);
      float[][] expected = {{3, 3, 0, 0}, {2, 2, 2, 2}, {0, 0, -4, 0}};
      long[] index = {2, 3, 1};
      Aps.Norm[] norms = {Aps.Norm.L2, Aps.Norm.L1, Aps.Norm.LINF};
      for (int k = 0; k < norms.length; k++) {
        Aps aps = new Aps(norms[k]);
        NDArray y = GradCheck.forward(aps, x, false);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 1, 2, 2));
        float[] got = y.toFloatArray();
        assertThat(Arrays.copyOfRange(got, 0, 4)).as(norms[k].name()).containsExactly(expected[k]);
        assertThat(Arrays.copyOfRange(got, 4, 8)).containsExactly(1, 1, 1, 1);
        assertThat(aps.selection(x).toLongArray()).containsExactly(index[k], 0);
      }
      assertThat(new Aps().norm()).isEqualTo(Aps.Norm.L2);
    }
  }

  @Test
  void oddSidesArePaddedCircularly() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // 0 1 2 / 3 4 5 / 6 7 8 -> pad row 0 below and column 0 right:
      // 0 1 2 0 / 3 4 5 3 / 6 7 8 6 / 0 1 2 0; l2^2: (0,0) [0 2 6 8] 104, (1,0) [3 5 0 2] 38,
      // (0,1) [1 0 7 6] 86, (1,1) [4 3 1 0] 26; minus signs change nothing
      NDArray x = m.arange(0f, 9f).neg().reshape(1, 1, 3, 3);
      Aps aps = new Aps();
      NDArray y = GradCheck.forward(aps, x, false);
      assertThat(y.toFloatArray()).containsExactly(-0f, -2f, -6f, -8f);
      assertThat(aps.getOutputShapes(new Shape[] {new Shape(4, 5, 7, 9)})[0])
          .isEqualTo(new Shape(4, 5, 4, 5));
      // a 4 x 3 map: only the column is padded, 0 1 2 0 / 3 4 5 3 / 6 7 8 6 / 9 10 11 9; l2^2:
      // (0,0) [0 2 6 8] 104, (1,0) [3 5 9 11] 236, (0,1) [1 0 7 6] 86, (1,1) [4 3 10 9] 206
      NDArray z = GradCheck.forward(aps, m.arange(0f, 12f).reshape(1, 1, 4, 3), false);
      assertThat(z.toFloatArray()).containsExactly(3f, 5f, 9f, 11f);
    }
  }

  @Property(tries = 20)
  void aCircularShiftOfTheInputIsACircularShiftOfTheOutput(
      @ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 3) int c,
      @ForAll @IntRange(min = 1, max = 4) int halfH,
      @ForAll @IntRange(min = 1, max = 4) int halfW,
      @ForAll @IntRange(min = -5, max = 5) int dy,
      @ForAll @IntRange(min = -5, max = 5) int dx,
      @ForAll long seed) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, seed, new Shape(n, c, 2L * halfH, 2L * halfW));
      for (Aps.Norm norm : Aps.Norm.values()) {
        Aps aps = new Aps(norm);
        NDArray y = GradCheck.forward(aps, x, false);
        NDArray shifted = GradCheck.forward(aps, GradCheck.roll(x, dy, dx), false);
        for (int s = 0; s < n; s++) {
          NDArray ys = y.get(s + ":" + (s + 1));
          double[] want = shifted.get(s + ":" + (s + 1)).toDoubleArray();
          // the selected phase a moves the output by ceil((d - a) / 2): floor(d/2) or ceil(d/2)
          boolean found = GradCheck.isAHalfShift(ys, dy, dx, want, Arrays::equals);
          assertThat(found).as(norm + " sample " + s + " shift " + dy + "," + dx).isTrue();
        }
      }
    }
  }

  @Test
  void gradientReachesTheSelectedComponentOnly() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = m.create(MAP, new Shape(1, 1, 4, 4));
      x.setRequiresGradient(true);
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        gc.backward(GradCheck.forward(new Aps(), x, true).sum());
      }
      // l2 keeps (0,1): rows 0 and 2, columns 1 and 3
      assertThat(x.getGradient().toFloatArray())
          .containsExactly(0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0);
      for (Aps.Norm norm : Aps.Norm.values()) {
        GradCheck.check(new Aps(norm), GradCheck.random(m, 5, new Shape(2, 2, 4, 5)), true);
      }
    }
  }

  @Test
  void rejectsNonImages() {
    GradCheck.assertRejectsNonImages(new Aps());
  }
}
