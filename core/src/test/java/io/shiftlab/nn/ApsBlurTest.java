package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ApsBlurTest {
  @Test
  void choosesOnTheUnblurredMapAndKeepsThatComponentOfTheCircularBlur() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // A single 1 at (row 1, col 0) of a 4x4 map: component (1,0) has the largest norm.
      float[] v = new float[16];
      v[4] = 1;
      NDArray x = m.create(v, new Shape(1, 1, 4, 4));
      ApsBlur aps = new ApsBlur(3);
      assertThat(aps.selection(x).toLongArray()).containsExactly(1L);
      // Circular [1,2,1]x[1,2,1]/16 blur of the impulse at (1, 0): rows 0..2 get 1/4, 1/2, 1/4
      // of the column profile, columns 3 (wrapped), 0, 1 get 1/4, 1/2, 1/4. Component (1,0)
      // keeps rows 1, 3 and columns 0, 2: (1,0) = 1/2 * 1/2 = 1/4, (1,2) = 0, (3,0) = 0, (3,2) = 0.
      NDArray y = GradCheck.forward(aps, x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(0.25f, 0f, 0f, 0f);
      // blurred first, the (0,0) component would hold 1/8 at (0, 0) from the wrap: not chosen.
      NDArray blurred = GradCheck.forward(new BlurPool(3, 1, PaddingMode.CIRCULAR), x, false);
      assertThat(blurred.getFloat(0, 0, 0, 3)).isCloseTo(0.0625f, within(1e-7f));
    }
  }

  @Property(tries = 15)
  void aCircularShiftOfTheInputIsACircularShiftOfTheOutput(
      @ForAll @IntRange(min = 1, max = 4) int half,
      @ForAll @IntRange(min = -5, max = 5) int dy,
      @ForAll @IntRange(min = -5, max = 5) int dx,
      @ForAll long seed) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, seed, new Shape(1, 2, 2L * half, 2L * half));
      ApsBlur aps = new ApsBlur(3);
      NDArray y = GradCheck.forward(aps, x, false);
      double[] want = GradCheck.forward(aps, GradCheck.roll(x, dy, dx), false).toDoubleArray();
      boolean found =
          GradCheck.isAHalfShift(
              y,
              dy,
              dx,
              want,
              (got, w) -> {
                boolean close = true;
                for (int i = 0; i < got.length; i++) {
                  close &= Math.abs(got[i] - w[i]) < 1e-12;
                }
                return close;
              });
      assertThat(found).as("shift " + dy + "," + dx + " of " + Arrays.toString(want)).isTrue();
    }
  }

  @Test
  void gradientChecksAndNamesItself() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      GradCheck.check(new ApsBlur(3), GradCheck.random(m, 7, new Shape(2, 2, 4, 6)), true);
      assertThat(new ApsBlur(3)).hasToString("ApsBlur(k=3)");
    }
  }
}
