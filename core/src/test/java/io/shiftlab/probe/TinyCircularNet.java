package io.shiftlab.probe;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.zoo.InputShape;
import io.shiftlab.runtime.TorchRuntime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test-only classifier with stride 1 everywhere and a global-average-pooling head: pad, conv 3x3,
 * ReLU, pad, conv 3x3, mean over H and W, linear. With {@code circular} padding (wrapped slices
 * concatenated before a conv without padding) every stage commutes with circular shifts, so its
 * circular equivariance error must be zero; with zero padding it must not.
 */
final class TinyCircularNet implements Classifier {
  private static final int CHANNELS = 4;
  private final boolean circular;
  private final int classes;
  private final NDManager manager;
  private final NDArray w1;
  private final NDArray b1;
  private final NDArray w2;
  private final NDArray b2;
  private final NDArray wlT;
  private final NDArray bl;

  TinyCircularNet(boolean circular, int classes, long seed) {
    this.circular = circular;
    this.classes = classes;
    this.manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE);
    SplittableRandom rng = new SplittableRandom(seed);
    w1 = random(rng, CHANNELS, 1, 3, 3);
    b1 = random(rng, CHANNELS);
    w2 = random(rng, CHANNELS, CHANNELS, 3, 3);
    b2 = random(rng, CHANNELS);
    wlT = random(rng, classes, CHANNELS).transpose();
    bl = random(rng, classes);
  }

  private NDArray random(SplittableRandom rng, long... shape) {
    Shape s = new Shape(shape);
    float[] v = new float[(int) s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return manager.create(v, s);
  }

  /** Circular padding by one cell on each side: wrapped rows, then wrapped columns. */
  private static NDArray circularPad(NDArray x) {
    NDArray rows = NDArrays.concat(new NDList(x.get(":, :, -1:, :"), x, x.get(":, :, :1, :")), 2);
    return NDArrays.concat(new NDList(rows.get(":, :, :, -1:"), rows, rows.get(":, :, :, :1")), 3);
  }

  private NDArray conv(NDArray x, NDArray w, NDArray b) {
    if (circular) {
      return Conv2d.conv2d(circularPad(x), w, b).singletonOrThrow();
    }
    return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
  }

  @Override
  public InputShape inputShape() {
    return InputShape.MNIST;
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public NDArray logits(NDArray batch) {
    List<LayerOutput> l = layers(batch);
    return l.get(l.size() - 1).value();
  }

  @Override
  public List<LayerOutput> layers(NDArray batch) {
    NDArray c1 = conv(batch, w1, b1);
    NDArray r1 = Activation.relu(c1);
    NDArray c2 = conv(r1, w2, b2);
    NDArray gap = c2.mean(new int[] {3}).mean(new int[] {2});
    NDArray logits = gap.matMul(wlT).add(bl);
    return List.of(
        new LayerOutput("conv1", c1),
        new LayerOutput("relu1", r1),
        new LayerOutput("conv2", c2),
        new LayerOutput("gap", gap),
        new LayerOutput("logits", logits));
  }

  @Override
  public void close() {
    manager.close();
  }
}
