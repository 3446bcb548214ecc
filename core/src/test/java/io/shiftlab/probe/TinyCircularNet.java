package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.ModelEntry;
import io.shiftlab.nn.zoo.Network;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The test-only network of the probes' known-answer tests, built from the library's layers in a
 * {@link SequentialBlock}: 3x3 stride-1 {@link PaddedConv2d} with {@value #FILTERS} filters, ReLU,
 * the same convolution again, global average pooling ({@link GlobalPool.Kind#AVG}) and a linear
 * head. With {@link PaddingMode#CIRCULAR} every stage commutes with circular shifts and the pooling
 * forgets positions, so the logits are exactly invariant to circular shifts of the input (and every
 * layer exactly equivariant); with {@link PaddingMode#ZERO} they are not. {@link #layers} returns
 * each child's output as {@link Network#layers} does.
 */
final class TinyCircularNet implements Classifier {
  /** Output channels of both convolutions. */
  static final int FILTERS = 6;

  private final Network net;

  private TinyCircularNet(Network net) {
    this.net = net;
  }

  /**
   * The uninitialised block: conv, ReLU, conv, global average pooling, linear.
   *
   * @param mode the padding of both convolutions
   * @param classes the number of logits
   * @return the block
   */
  static Block block(PaddingMode mode, int classes) {
    return new SequentialBlock()
        .add(PaddedConv2d.of(mode, FILTERS, 3))
        .add(Activation.reluBlock())
        .add(PaddedConv2d.of(mode, FILTERS, 3))
        .add(new GlobalPool(GlobalPool.Kind.AVG))
        .add(Linear.builder().setUnits(classes).build());
  }

  /**
   * A randomly initialised network: Glorot weights from {@code seed}, and biases drawn too, U(-0.5,
   * 0.5), since with the default zero biases the network is positively homogeneous and its class
   * hardly depends on the input.
   *
   * @param mode the padding of both convolutions, e.g. CIRCULAR or ZERO
   * @param shape the input shape
   * @param classes the number of logits
   * @param seed the seed of the weights and biases
   * @return the network; the caller closes it
   */
  static TinyCircularNet create(PaddingMode mode, InputShape shape, int classes, long seed) {
    ModelEntry entry =
        new ModelEntry("gap-" + mode.id(), "test network", "test", 1, (in, k) -> block(mode, k));
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
    return new TinyCircularNet(net);
  }

  /**
   * Shifts the head's bias so that the mean logit of every class over {@code set} is zero: a random
   * network otherwise tends to give one class to every input, which would make the known-answer
   * tests vacuous.
   *
   * @param set the images to centre on
   * @return this network
   */
  TinyCircularNet centreHead(ImageSet set) {
    try (NDManager m = net.manager().newSubManager()) {
      NDArray mean = net.logits(Batches.images(set, null, 0, set.size(), m)).mean(new int[] {0});
      for (var p : net.block().getParameters()) {
        if (p.getKey().endsWith("Linear_bias")) {
          NDArray b = p.getValue().getArray();
          b.set(FloatBuffer.wrap(b.sub(mean.toDevice(b.getDevice(), false)).toFloatArray()));
        }
      }
    }
    return this;
  }

  /** The model name, {@code gap-circular} or {@code gap-zero}. */
  String name() {
    return net.entry().name();
  }

  /** The manager that owns the parameters. */
  NDManager manager() {
    return net.manager();
  }

  @Override
  public InputShape inputShape() {
    return net.inputShape();
  }

  @Override
  public int numClasses() {
    return net.numClasses();
  }

  @Override
  public NDArray logits(NDArray batch) {
    return net.logits(batch);
  }

  @Override
  public List<LayerOutput> layers(NDArray batch) {
    return net.layers(batch);
  }

  @Override
  public void close() {
    net.close();
  }
}
