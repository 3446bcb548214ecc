package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.zoo.InputShape;
import io.shiftlab.nn.zoo.ModelEntry;
import io.shiftlab.random.Streams;
import io.shiftlab.train.Batches;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Test-only networks, data and contexts for the probe tests. */
final class ProbeTestSupport {
  private ProbeTestSupport() {}

  /**
   * Pads a batch by one pixel on every side with the wrapped-around rows and columns, so a 3x3
   * convolution without padding becomes a circular convolution.
   */
  static Block circularPad() {
    return new LambdaBlock(
        in -> {
          NDArray x = in.singletonOrThrow();
          NDArray rows =
              NDArrays.concat(new NDList(x.get(":, :, -1:, :"), x, x.get(":, :, :1, :")), 2);
          NDArray both =
              NDArrays.concat(
                  new NDList(rows.get(":, :, :, -1:"), rows, rows.get(":, :, :, :1")), 3);
          return new NDList(both);
        },
        "circularPad");
  }

  private static Block conv(boolean zeroPadding) {
    Conv2d.Builder b = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(6);
    if (zeroPadding) {
      b.optPadding(new Shape(1, 1));
    }
    return b.build();
  }

  /**
   * Two 3x3 stride-1 convolutions with ReLU, global average pooling and a linear head. With
   * circular padding the logits are invariant to circular shifts of the input (circular
   * convolutions commute with rolls, and the mean over H, W forgets where things are); with zero
   * padding they are not.
   */
  static Block gapNet(boolean circular, int classes) {
    SequentialBlock s = new SequentialBlock();
    for (int layer = 0; layer < 2; layer++) {
      if (circular) {
        s.add(circularPad());
      }
      s.add(conv(!circular)).add(Activation.reluBlock());
    }
    return s.add(
            new LambdaBlock(
                in -> new NDList(in.singletonOrThrow().mean(new int[] {3}).mean(new int[] {2}))))
        .add(Linear.builder().setUnits(classes).build());
  }

  /**
   * A randomly initialised {@link #gapNet}. Biases are drawn too, U(-0.5, 0.5): with the default
   * zero biases the network is positively homogeneous and its class hardly depends on the input.
   */
  static Network gapNetwork(boolean circular, InputShape shape, int classes, long seed) {
    ModelEntry entry =
        new ModelEntry(
            circular ? "gap-circular" : "gap-zero",
            "test network",
            "test",
            1,
            (in, k) -> gapNet(circular, k));
    Network net = Network.create(entry, shape, classes, seed);
    SplittableRandom rng = new SplittableRandom(seed);
    for (var p : net.block().getParameters()) {
      if (p.getValue().getType() == Parameter.Type.BIAS) {
        NDArray b = p.getValue().getArray();
        float[] v = new float[(int) b.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (rng.nextDouble() - 0.5);
        }
        b.set(FloatBuffer.wrap(v));
      }
    }
    return net;
  }

  /**
   * Shifts the head's bias so that the mean logit of every class over {@code set} is zero: a random
   * network otherwise tends to give one class to every input, which would make the known-answer
   * tests vacuous.
   */
  static void centreHead(Network net, ImageSet set) {
    try (NDManager m = net.manager().newSubManager()) {
      NDArray mean = net.logits(Batches.images(set, null, 0, set.size(), m)).mean(new int[] {0});
      for (var p : net.block().getParameters()) {
        if (p.getKey().endsWith("Linear_bias")) {
          NDArray b = p.getValue().getArray();
          b.set(FloatBuffer.wrap(b.sub(mean.toDevice(b.getDevice(), false)).toFloatArray()));
        }
      }
    }
  }

  /**
   * Random images with random labels; each image has its own density of bright pixels (5% to 90%),
   * so that their local statistics, and the class a random network picks, differ.
   */
  static ImageSet sparseRandom(int n, int classes, int side, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int size = side * side;
    byte[] px = new byte[n * size];
    for (int i = 0; i < n; i++) {
      double density = 0.05 + 0.85 * rng.nextDouble();
      for (int j = 0; j < size; j++) {
        px[i * size + j] = (byte) (rng.nextDouble() < density ? 55 + rng.nextInt(200) : 0);
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
    }
    return new ImageSet("random", px, labels, classes, 1, side, side);
  }

  /** A context running {@code probe} with the given options. */
  static ProbeContext context(
      Probe probe, Network net, ImageSet test, Map<String, String> params, Path out) {
    return new ProbeContext(
        net,
        net.entry().name(),
        test,
        new Streams(7),
        net.manager(),
        new ProbeParams(probe.name(), probe.params(), params),
        out);
  }
}
