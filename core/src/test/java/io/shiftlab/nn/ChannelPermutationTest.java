package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.shiftlab.runtime.TorchRuntime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChannelPermutationTest {
  private static final int C = 16;

  /** Sample s holds 100 s + 0..C-1, so every value names its sample and channel. */
  private static NDArray labelled(NDManager m) {
    return m.arange(0f, (float) C)
        .reshape(1, C)
        .add(m.create(new float[] {0, 100, 200}).reshape(3, 1));
  }

  private static void assertPermutesEachRow(NDArray x, NDArray y) {
    assertThat(y.getShape()).isEqualTo(x.getShape());
    float[] in = x.toFloatArray();
    float[] out = y.toFloatArray();
    for (int s = 0; s < 3; s++) {
      float[] a = Arrays.copyOfRange(in, s * C, (s + 1) * C);
      float[] b = Arrays.copyOfRange(out, s * C, (s + 1) * C);
      Arrays.sort(b);
      assertThat(b).as("sample " + s).containsExactly(a);
    }
  }

  @Test
  void eachCallPermutesEveryRowAnewInTrainingAndAtInference() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = labelled(m);
      ChannelPermutation p = new ChannelPermutation();
      NDArray first = GradCheck.forward(p, x, true);
      NDArray second = GradCheck.forward(p, x, false);
      assertPermutesEachRow(x, first);
      assertPermutesEachRow(x, second);
      // 16! permutations per row: two equal draws, or an identity draw, have odds ~ 1e-13
      assertThat(second.toFloatArray()).isNotEqualTo(first.toFloatArray());
      assertThat(first.toFloatArray()).isNotEqualTo(x.toFloatArray());
      // rows get independent permutations
      float[] f = first.toFloatArray();
      float[] row0 = Arrays.copyOfRange(f, 0, C);
      float[] row1 = Arrays.copyOfRange(f, C, 2 * C);
      for (int i = 0; i < C; i++) {
        row1[i] -= 100;
      }
      assertThat(row1).isNotEqualTo(row0);
    }
  }

  @Test
  void theTrainingPhaseIsTheIdentityAtInference() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = labelled(m);
      ChannelPermutation p = new ChannelPermutation(ChannelPermutation.Phase.TRAINING);
      assertThat(GradCheck.forward(p, x, false).toFloatArray()).containsExactly(x.toFloatArray());
      assertPermutesEachRow(x, GradCheck.forward(p, x, true));
    }
  }

  @Test
  void theSameTorchSeedGivesTheSamePermutation() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = labelled(m);
      ChannelPermutation p = new ChannelPermutation();
      TorchRuntime.seedTorch(42);
      float[] a = GradCheck.forward(p, x, true).toFloatArray();
      TorchRuntime.seedTorch(42);
      float[] b = GradCheck.forward(p, x, true).toFloatArray();
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void theGradientIsTheInversePermutationOfTheOutputGradient() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = labelled(m);
      x.setRequiresGradient(true);
      NDArray w = m.arange(0f, 3f * C).reshape(3, C);
      NDArray y;
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        y = GradCheck.forward(new ChannelPermutation(), x, true);
        gc.backward(y.mul(w).sum());
      }
      // output position k of row s holds input value v = x[s, j]: so dL/dx[s, j] = w[s, k]
      float[] out = y.toFloatArray();
      float[] grad = x.getGradient().toFloatArray();
      for (int k = 0; k < out.length; k++) {
        int s = k / C;
        int j = (int) (out[k] - 100 * s);
        assertThat(grad[s * C + j]).isEqualTo((float) k);
      }
    }
  }

  @Test
  void aSequentialBlockWithItRoundTrips() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = m.ones(new Shape(2, 5), DataType.FLOAT32);
      ChannelPermutation p = new ChannelPermutation();
      GradCheck.roundTrips(p, new ChannelPermutation(), x);
    }
  }

  @Test
  void rejectsNonVectors() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      assertThatThrownBy(
              () -> GradCheck.forward(new ChannelPermutation(), m.ones(new Shape(1, 2, 3)), true))
          .hasMessageContaining("(N, C)");
    }
  }
}
