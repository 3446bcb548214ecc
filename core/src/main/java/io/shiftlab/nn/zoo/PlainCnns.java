package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.nn.Conv2d;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.MaxPool2d;
import java.util.List;

/**
 * Plain convolutional networks: valid 5x5 convolutions and 2x2 max pools, then a dense read-out,
 * the two CNNs of the shifted-digits experiment (Soni 2019; card 1 of PROTOCOLS.md). Parameter
 * counts for a 1x28x28 input and 10 classes:
 *
 * <table>
 *   <caption>plain CNNs</caption>
 *   <tr><th>name</th><th>layers</th><th>parameters</th></tr>
 *   <tr><td>cnn1</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Flatten 2,880, Dense 100, ReLU, Dense
 *   10</td><td>289,630</td></tr>
 *   <tr><td>cnn2</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Conv 40@5x5 valid, ReLU, MaxPool 2,
 *   Flatten 640, Dense 100, ReLU, Dense 10</td><td>85,670</td></tr>
 * </table>
 *
 * <p>Flattening is NCHW rather than Keras's NHWC, which only permutes the weights of the following
 * dense layer. The convolutions are shiftlab's {@link Conv2d} (DJL's parameter layout, run through
 * the engine-checked convolution).
 */
public final class PlainCnns {
  private static final String SOURCE = "Soni 2019 (Medium), seed 004; PROTOCOLS card 1";

  private PlainCnns() {}

  /** The catalog entries: {@code cnn1} and {@code cnn2}. */
  public static List<ModelEntry> entries() {
    return List.of(
        new ModelEntry(
            "cnn1",
            "one conv 20@5x5 + max-pool 2, dense 100, dense 10",
            SOURCE,
            289_630,
            PlainCnns::cnn1),
        new ModelEntry(
            "cnn2",
            "two conv (20@5x5, 40@5x5) + max-pool 2 stages, dense 100, dense 10",
            SOURCE,
            85_670,
            PlainCnns::cnn2));
  }

  static Block cnn1(InputShape in, int numClasses) {
    return readout(stage(new SequentialBlock(), 20), numClasses);
  }

  static Block cnn2(InputShape in, int numClasses) {
    return readout(stage(stage(new SequentialBlock(), 20), 40), numClasses);
  }

  /** Adds conv FILTERS@5x5 valid, ReLU, max-pool 2. */
  private static SequentialBlock stage(SequentialBlock b, int filters) {
    return b.add(new Conv2d(filters, 5)).add(Activation.reluBlock()).add(MaxPool2d.of(2));
  }

  /** Adds flatten, dense 100, ReLU, dense K. */
  private static SequentialBlock readout(SequentialBlock b, int numClasses) {
    return b.add(Blocks.batchFlattenBlock())
        .add(DenseNets.dense(100))
        .add(Activation.reluBlock())
        .add(DenseNets.dense(numClasses));
  }
}
