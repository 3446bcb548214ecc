package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

class AvgPool2dTest {
  @Test
  void gradientIsAQuarterPerWindow() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      double[] g =
          GradCheck.check(AvgPool2d.of(2), GradCheck.random(m, 1, new Shape(1, 2, 4, 4)), true);
      assertThat(g).hasSize(32);
      GradCheck.check(new AvgPool2d(3, 2, 1), GradCheck.random(m, 2, new Shape(2, 1, 5, 5)), true);
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new AvgPool2d(2, 2, 2)).hasMessageContaining("padding <= kernel/2");
    assertThatThrownBy(() -> new AvgPool2d(0, 1, 0)).hasMessageContaining("kernel >= 1");
    assertThat(AvgPool2d.of(2)).hasToString("AvgPool2d(k=2, s=2, p=0)");
  }
}
