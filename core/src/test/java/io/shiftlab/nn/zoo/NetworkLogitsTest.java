package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.nn.InputShape;
import io.shiftlab.runtime.NativeResources;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

/** {@link Network#logits} splits large batches into chunks: same logits, nothing left behind. */
class NetworkLogitsTest {
  private static final int N = 2 * Network.INFERENCE_CHUNK + 37; // two full chunks and a rest

  @Test
  void chunkedLogitsEqualOneForwardPassOverTheWholeBatch() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 7);
        NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.randomUniform(0, 1, new Shape(N, 1, 28, 28), DataType.FLOAT32);
      float[] chunked = net.logits(x).toFloatArray();
      float[] whole = net.forward(x, false).toFloatArray();
      assertThat(chunked).hasSize(N * 10);
      for (int i = 0; i < whole.length; i++) {
        assertThat(chunked[i]).isCloseTo(whole[i], within(1e-5f));
      }
      // and the last image of the rest chunk gets the logits it gets alone
      float[] alone = net.forward(x.get((N - 1) + ":" + N), false).toFloatArray();
      for (int k = 0; k < 10; k++) {
        assertThat(chunked[(N - 1) * 10 + k]).isCloseTo(alone[k], within(1e-5f));
      }
    }
  }

  @Test
  void chunkingLeavesOnlyTheLogitsOnTheBatchManager() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 7);
        NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.randomUniform(0, 1, new Shape(N, 1, 28, 28), DataType.FLOAT32);
      NativeResources.Counts before = NativeResources.count();
      NDArray logits = net.logits(x);
      NativeResources.Counts after = NativeResources.count();
      assertThat(logits.getShape()).isEqualTo(new Shape(N, 10));
      assertThat(logits.getManager()).isSameAs(m);
      assertThat(after.arrays()).isEqualTo(before.arrays() + 1);
      assertThat(after.managers()).isEqualTo(before.managers());
    }
  }
}
