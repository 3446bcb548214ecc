package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.nn.InputShape;
import java.util.function.UnaryOperator;

/** The zoo's bit-identity checks: a network's logits do not change when its input is moved. */
final class SameLogits {
  private SameLogits() {}

  /**
   * Asserts that a freshly built catalog model gives bit-identical logits for a batch of 4 uniform
   * random images and for that batch moved.
   *
   * @param model the catalog name
   * @param input the input shape
   * @param classes the number of classes
   * @param seed the model's seed
   * @param move what is done to the batch, e.g. a circular roll
   */
  static void underMove(
      String model, InputShape input, int classes, long seed, UnaryOperator<NDArray> move) {
    try (Network net = Network.create(ModelCatalog.get(model), input, classes, seed);
        NDManager m = net.manager().newSubManager()) {
      NDArray x = m.randomUniform(0, 1, input.batch(4));
      float[] a = net.logits(x).toFloatArray();
      float[] b = net.logits(move.apply(x)).toFloatArray();
      assertThat(b).containsExactly(a);
    }
  }
}
