package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

class AvgPool2dTest {
  @Test
  void averagesAHandWrittenMapAndPredictsItsShape() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // 1 2 3 4 / 5 6 7 8 / 9 10 11 12 / 13 14 15 16
      NDArray x = m.arange(1f, 17f).reshape(1, 1, 4, 4);
      // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5
      NDArray y = GradCheck.forward(AvgPool2d.of(2), x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(3.5f, 5.5f, 11.5f, 13.5f);
      // k 3, s 2, p 1: window rows/cols -1..1 then 1..3, padded zeros counted in the 9:
      // top-left (1+2+5+6)/9 = 14/9; top-right (2+3+4+6+7+8)/9 = 30/9;
      // bottom-left (5+6+9+10+13+14)/9 = 57/9; bottom-right (6+7+8+10+11+12+14+15+16)/9 = 99/9
      NDArray z = GradCheck.forward(new AvgPool2d(3, 2, 1), x, false);
      assertThat(z.toFloatArray()).containsExactly(14f / 9, 30f / 9, 57f / 9, 99f / 9);
      assertThat(new AvgPool2d(3, 2, 1).getOutputShapes(new Shape[] {new Shape(5, 3, 28, 27)})[0])
          .isEqualTo(new Shape(5, 3, 14, 14));
      assertThat(AvgPool2d.of(2).getOutputShapes(new Shape[] {new Shape(1, 2, 7, 6)})[0])
          .isEqualTo(new Shape(1, 2, 3, 3));
    }
  }

  @Test
  void gradientIsAQuarterPerWindowAndRoundTrips() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      double[] g =
          GradCheck.check(AvgPool2d.of(2), GradCheck.random(m, 1, new Shape(1, 2, 4, 4)), true);
      assertThat(g).hasSize(32);
      GradCheck.check(new AvgPool2d(3, 2, 1), GradCheck.random(m, 2, new Shape(2, 1, 5, 5)), true);
      NDArray x = GradCheck.random(m, 3, new Shape(2, 2, 6, 6)).toType(DataType.FLOAT32, false);
      GradCheck.roundTrips(AvgPool2d.of(2), AvgPool2d.of(2), x);
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new AvgPool2d(2, 2, 2)).hasMessageContaining("padding <= kernel/2");
    assertThatThrownBy(() -> new AvgPool2d(0, 1, 0)).hasMessageContaining("kernel >= 1");
    assertThat(AvgPool2d.of(2)).hasToString("AvgPool2d(k=2, s=2, p=0)");
  }
}
