package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
  void blursAHandWrittenMapWithReflectPadding() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // x(i, j) = 4i + j + 1. Row [1 2 3 4] padded by reflection is [2 1 2 3 4 3]; [1 2 1]/4 at
      // columns 0 and 2 gives (2 + 2 + 2)/4 = 1.5 and (2 + 6 + 4)/4 = 3, i.e. j' = 0.5 and 2; the
      // same on rows gives i' = 0.5 and 2, so y = 4i' + j' + 1 = 3.5, 5, 9.5, 11.
      NDArray x = m.arange(1f, 17f).reshape(1, 1, 4, 4);
      NDArray y = GradCheck.forward(BlurPool.of(3), x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(3.5f, 5f, 9.5f, 11f);
      // k 2 pads only right/bottom; an impulse at (0, 0) spreads into the first output only:
      // [1 1]x[1 1]/4 over rows 0..1, columns 0..1 -> 1/4.
      NDArray d = m.zeros(new Shape(1, 1, 4, 4)).concat(m.zeros(new Shape(1, 1, 4, 4)), 1);
      d.set(new ai.djl.ndarray.index.NDIndex("0, 1, 0, 0"), 1f);
      NDArray z = GradCheck.forward(BlurPool.of(2), d, false);
      assertThat(z.toFloatArray()).containsExactly(0f, 0f, 0f, 0f, 0.25f, 0f, 0f, 0f);
      // k 1 is subsampling
      assertThat(GradCheck.forward(BlurPool.of(1), x, false).toFloatArray())
          .containsExactly(1f, 3f, 9f, 11f);
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
  void aSequentialBlockWithItRoundTrips() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, 3, new Shape(1, 2, 6, 6)).toType(DataType.FLOAT32, false);
      GradCheck.roundTrips(BlurPool.of(5), BlurPool.of(5), x);
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new BlurPool(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlurPool(3, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
