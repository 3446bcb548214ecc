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

class GlobalPoolTest {
  @Test
  void averagesAndMaximisesEachChannelOverHandW() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // sample 0: channel 0 = 0..5 (mean 2.5, max 5), channel 1 = 6..11 (8.5, 11);
      // sample 1: 12..17 (14.5, 17), 18..23 (20.5, 23); 2 x 3 maps
      NDArray x = m.arange(0f, 24f).reshape(2, 2, 2, 3);
      GlobalPool avg = new GlobalPool(GlobalPool.Kind.AVG);
      NDArray a = GradCheck.forward(avg, x, false);
      assertThat(a.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(a.toFloatArray()).containsExactly(2.5f, 8.5f, 14.5f, 20.5f);
      NDArray b = GradCheck.forward(new GlobalPool(GlobalPool.Kind.MAX), x.neg(), false);
      assertThat(b.toFloatArray()).containsExactly(-0f, -6f, -12f, -18f);
      assertThat(avg.getOutputShapes(new Shape[] {new Shape(5, 7, 3, 3)})[0])
          .isEqualTo(new Shape(5, 7));
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, 4, new Shape(2, 2, 3, 2));
      double[] g = GradCheck.check(new GlobalPool(GlobalPool.Kind.AVG), x, true);
      GradCheck.check(new GlobalPool(GlobalPool.Kind.MAX), x, true);
      assertThat(g).hasSize(24);
    }
  }

  @Test
  void aSequentialBlockWithItRoundTrips() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, 3, new Shape(2, 3, 4, 4)).toType(DataType.FLOAT32, false);
      GradCheck.roundTrips(
          new GlobalPool(GlobalPool.Kind.MAX), new GlobalPool(GlobalPool.Kind.MAX), x);
    }
  }

  @Test
  void parsesKindsAndRejectsNonImages() {
    assertThat(GlobalPool.Kind.parse("--head", "avg")).isEqualTo(GlobalPool.Kind.AVG);
    assertThatThrownBy(() -> GlobalPool.Kind.parse("--head", "sum"))
        .isInstanceOf(io.shiftlab.UserInputException.class)
        .hasMessage("--head: unknown global pool 'sum'; choose avg or max");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      assertThatThrownBy(
              () ->
                  GradCheck.forward(
                      new GlobalPool(GlobalPool.Kind.AVG), m.ones(new Shape(2, 3)), false))
          .hasMessageContaining("(N, C, H, W)");
    }
  }
}
