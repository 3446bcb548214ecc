package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlurPoolTest {
  @Test
  void tapsAreTheBinomialRows() {
    assertThat(BlurPool.taps(1)).containsExactly(1);
    assertThat(BlurPool.taps(2)).containsExactly(1, 1);
    assertThat(BlurPool.taps(3)).containsExactly(1, 2, 1);
    assertThat(BlurPool.taps(4)).containsExactly(1, 3, 3, 1);
    assertThat(BlurPool.taps(5)).containsExactly(1, 4, 6, 4, 1);
    assertThat(BlurPool.taps(6)).containsExactly(1, 5, 10, 10, 5, 1);
    assertThat(BlurPool.taps(7)).containsExactly(1, 6, 15, 20, 15, 6, 1);
    assertThatThrownBy(() -> BlurPool.taps(8)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 7)
  void normalisedKernelSumsToOne(@ForAll @IntRange(min = 1, max = 7) int k) {
    double sum = 0;
    for (double v : BlurPool.kernel2d(k)) {
      assertThat(v).isPositive();
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void blursAnImpulseWithAnEvenKernel() {
    // the k 3 and k 1 cases on a hand-written map are in PoolingOnARampTest
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // k 2 pads only right/bottom; an impulse at (0, 0) spreads into the first output only:
      // [1 1]x[1 1]/4 over rows 0..1, columns 0..1 -> 1/4.
      NDArray d = m.zeros(new Shape(1, 1, 4, 4)).concat(m.zeros(new Shape(1, 1, 4, 4)), 1);
      d.set(new ai.djl.ndarray.index.NDIndex("0, 1, 0, 0"), 1f);
      NDArray z = GradCheck.forward(BlurPool.of(2), d, false);
      assertThat(z.toFloatArray()).containsExactly(0f, 0f, 0f, 0f, 0.25f, 0f, 0f, 0f);
    }
  }

  @Property(tries = 20)
  void outputSizeIsCeilHalfAndMatchesTheShapeFormula(
      @ForAll @IntRange(min = 1, max = 7) int k,
      @ForAll @IntRange(min = 4, max = 9) int h,
      @ForAll @IntRange(min = 4, max = 9) int w) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      BlurPool blur = BlurPool.of(k);
      Shape in = new Shape(2, 3, h, w);
      Shape out = GradCheck.forward(blur, m.ones(in), false).getShape();
      assertThat(out).isEqualTo(new Shape(2, 3, (h + 1) / 2, (w + 1) / 2));
      assertThat(blur.getOutputShapes(new Shape[] {in})[0]).isEqualTo(out);
      // the blur keeps a constant map constant
      for (float v : GradCheck.forward(blur, m.ones(in).mul(3f), false).toFloatArray()) {
        assertThat(v).isCloseTo(3f, within(1e-5f));
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      for (int k : new int[] {1, 3, 4}) {
        GradCheck.check(BlurPool.of(k), GradCheck.random(m, k, new Shape(1, 2, 5, 4)), true);
      }
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new BlurPool(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlurPool(3, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
