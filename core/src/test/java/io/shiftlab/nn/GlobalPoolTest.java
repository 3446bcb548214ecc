package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

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
  void sortedAverageIsTheMeanAndBlindToWhereTheValuesSitBitForBit() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // hand case: channel 0 = 3, 1, 2, 6 -> sorted 1, 2, 3, 6 -> 3.0
      NDArray hand = m.create(new float[] {3, 1, 2, 6}, new Shape(1, 1, 2, 2));
      GlobalPool sorted = new GlobalPool(GlobalPool.Kind.SORTED_AVG);
      assertThat(GradCheck.forward(sorted, hand, false).toFloatArray()).containsExactly(3f);
      // 1/3-scale values of many magnitudes, rolled around the 21 x 21 map: sorted is equal bit
      // for bit in every position and within rounding of the plain mean
      NDArray x = GradCheck.random(m, 9, new Shape(1, 4, 21, 21)).toType(DataType.FLOAT32, false);
      x = x.mul(x.mul(8).exp()).div(3);
      float[] first = GradCheck.forward(sorted, x, false).toFloatArray();
      float[] mean =
          GradCheck.forward(new GlobalPool(GlobalPool.Kind.AVG), x, false).toFloatArray();
      for (int i = 0; i < first.length; i++) {
        assertThat(first[i]).isCloseTo(mean[i], org.assertj.core.api.Assertions.within(1e-5f));
      }
      for (int shift = 1; shift < 21; shift += 4) {
        NDArray rolled = x.concat(x, 3).get(":, :, :, " + shift + ":" + (shift + 21));
        assertThat(GradCheck.forward(sorted, rolled, false).toFloatArray())
            .as("roll " + shift)
            .containsExactly(first);
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = GradCheck.random(m, 4, new Shape(2, 2, 3, 2));
      double[] g = GradCheck.check(new GlobalPool(GlobalPool.Kind.AVG), x, true);
      GradCheck.check(new GlobalPool(GlobalPool.Kind.MAX), x, true);
      GradCheck.check(new GlobalPool(GlobalPool.Kind.SORTED_AVG), x, true);
      assertThat(g).hasSize(24);
    }
  }

  @Test
  void rejectsNonImages() {
    GradCheck.assertRejectsNonImages(new GlobalPool(GlobalPool.Kind.AVG));
  }
}
