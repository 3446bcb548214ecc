package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

/** Aligned-corner bilinear resizing against hand-computed matrices and a 2x2 -> 3x3 example. */
class BilinearResizeTest {
  @Test
  void matricesByHand() {
    assertThat(BilinearResize.matrix(2, 3)).containsExactly(1f, 0f, 0.5f, 0.5f, 0f, 1f);
    assertThat(BilinearResize.matrix(3, 2)).containsExactly(1f, 0f, 0f, 0f, 0f, 1f);
    assertThat(BilinearResize.matrix(4, 1)).containsExactly(1f, 0f, 0f, 0f);
    float[] m = BilinearResize.matrix(12, 28);
    for (int i = 0; i < 28; i++) {
      double sum = 0;
      for (int j = 0; j < 12; j++) {
        sum += m[i * 12 + j];
      }
      assertThat(sum).as("row %d", i).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void upsamplesTwoByTwoToThreeByThree() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
      NDArray y = BilinearResize.apply(x, 3, 3, m);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3, 3));
      assertThat(y.toFloatArray()).containsExactly(0f, 0.5f, 1f, 1f, 1.5f, 2f, 2f, 2.5f, 3f);
      assertThat(BilinearResize.apply(x, 2, 2, m)).isSameAs(x);
    }
  }
}
