package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.shiftlab.NonFiniteException;
import io.shiftlab.data.Batches;
import io.shiftlab.nn.BilinearResize;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.ModelInit;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import java.util.SplittableRandom;

/**
 * Trains a position read-out ({@link ReadoutSpec}) on frozen features: the dense-regression
 * counterpart of {@link Training}, which is for classifiers.
 *
 * <p>Each step takes a batch of feature maps (plain arrays, so nothing upstream can receive a
 * gradient), runs the read-out, resizes its {@code S' x S'} output bilinearly (aligned corners) to
 * the target's size and takes the mean squared error to the one fixed target map. Parameters are
 * Xavier-uniform from the {@code init} stream of {@link ReadoutConfig#seed}; epoch {@code e} visits
 * the images in an order drawn from {@code order/e}. Each batch lives in its own sub-manager. After
 * the last epoch the read-out's batch-norm statistics are recomputed for its final parameters
 * ({@link BatchNormRecalibration}, as {@link Training} does for classifiers).
 */
public final class ReadoutTraining {
  private ReadoutTraining() {}

  /**
   * A trained read-out: its block, the manager owning its parameters, and the training loss per
   * epoch. Close it to free the parameters.
   */
  public static final class Trained implements AutoCloseable {
    private final ReadoutSpec spec;
    private final Block block;
    private final NDManager manager;
    private final double[] epochLoss;

    private Trained(ReadoutSpec spec, Block block, NDManager manager, double[] epochLoss) {
      this.spec = spec;
      this.block = block;
      this.manager = manager;
      this.epochLoss = epochLoss;
    }

    /** The read-out's shape. */
    public ReadoutSpec spec() {
      return spec;
    }

    /** The block (for inspection in tests). */
    public Block block() {
      return block;
    }

    /** The manager owning the parameters (for recalibration in tests). */
    NDManager manager() {
      return manager;
    }

    /** Mean training MSE of each epoch. */
    public double[] epochLoss() {
      return epochLoss.clone();
    }

    /**
     * Predicts the map of every image, in inference mode (batch norm on its running statistics).
     *
     * @param features {@code (n, channels, side, side)} row-major
     * @param n images
     * @param channels C
     * @param side S
     * @param height target rows
     * @param width target columns
     * @return one flattened {@code height x width} prediction per image, all finite
     * @throws NonFiniteException when a prediction is NaN or infinite (a NaN map would otherwise
     *     rank as pixel order and correlate with the vertical target)
     */
    public float[][] predict(
        float[] features, int n, int channels, int side, int height, int width) {
      float[][] out = new float[n][];
      int per = channels * side * side;
      for (int from = 0; from < n; from += BATCH) {
        int to = Math.min(n, from + BATCH);
        try (NDManager bm = manager.newSubManager()) {
          NDArray x = batch(bm, features, null, from, to, per, channels, side);
          NDArray p = run(block, x, false, height, width, bm);
          float[] v = p.toFloatArray();
          for (float f : v) {
            if (!Float.isFinite(f)) {
              throw new NonFiniteException(
                  "the position read-out's predictions are NaN or infinite (images "
                      + from
                      + " to "
                      + (to - 1)
                      + "); check the encoder's features");
            }
          }
          int plane = height * width;
          for (int i = from; i < to; i++) {
            out[i] = new float[plane];
            System.arraycopy(v, (i - from) * plane, out[i], 0, plane);
          }
        }
      }
      return out;
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  private static final int BATCH = 256;

  /**
   * Trains a read-out.
   *
   * @param spec the read-out's shape
   * @param config epochs, batch, optimiser and seed
   * @param features training features {@code (n, channels, side, side)} row-major
   * @param n images
   * @param channels C
   * @param side S
   * @param target the target map, row-major
   * @param height target rows
   * @param width target columns
   * @return the trained read-out; close it
   */
  public static Trained train(
      ReadoutSpec spec,
      ReadoutConfig config,
      float[] features,
      int n,
      int channels,
      int side,
      float[] target,
      int height,
      int width) {
    if (spec.outputSide(side) < 1) {
      throw new IllegalArgumentException(
          spec.label() + " leaves no output on " + side + "x" + side + " features");
    }
    if (target.length != height * width) {
      throw new IllegalArgumentException("target has " + target.length + " values");
    }
    Streams streams = new Streams(config.seed());
    NDManager manager = TorchRuntime.newManager();
    try {
      Block block = spec.block(channels);
      ModelInit.initialize(
          block, manager, new InputShape(channels, side, side), streams.seedOf(Streams.INIT));
      double[] epochLoss = new double[config.epochs()];
      int per = channels * side * side;
      try (StatefulOptimizer opt = new StatefulOptimizer(config.optimizer(), manager)) {
        for (int e = 1; e <= config.epochs(); e++) {
          int[] order = Batches.permutation(n, streams.stream(Streams.ORDER, e));
          double sum = 0;
          for (int from = 0; from < n; from += config.batchSize()) {
            int to = Math.min(n, from + config.batchSize());
            try (NDManager bm = manager.newSubManager()) {
              NDArray x = batch(bm, features, order, from, to, per, channels, side);
              NDArray y = bm.create(target, new Shape(1, 1, height, width));
              try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                NDArray p = run(block, x, true, height, width, bm);
                NDArray loss = p.sub(y).square().mean();
                gc.backward(loss);
                sum += loss.getFloat() * (to - from);
              }
              opt.step(block);
            }
          }
          epochLoss[e - 1] = sum / n;
        }
      }
      if (BatchNormRecalibration.appliesTo(block)) {
        recalibrate(block, manager, config, streams, features, n, per, channels, side);
      }
      return new Trained(spec, block, manager, epochLoss);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Recomputes the read-out's batch-norm statistics for its final parameters: up to {@value
   * Training#RECALIBRATION_BATCHES} training-mode batches of the training features (never more than
   * training ran), shuffled from the stream {@code train.bn/PASS}.
   */
  static void recalibrate(
      Block block,
      NDManager manager,
      ReadoutConfig config,
      Streams streams,
      float[] features,
      int n,
      int per,
      int channels,
      int side) {
    int bs = config.batchSize();
    int trainingBatches = config.epochs() * ((n + bs - 1) / bs);
    BatchNormRecalibration.Pass pass =
        new BatchNormRecalibration.Pass() {
          @Override
          public int size() {
            return n;
          }

          @Override
          public void forward(int[] order, int from, int to, SplittableRandom r, NDManager bm) {
            NDArray x = batch(bm, features, order, from, to, per, channels, side);
            block.forward(new ParameterStore(bm, false), new NDList(x), true);
          }
        };
    new BatchNormRecalibration(Math.min(Training.RECALIBRATION_BATCHES, trainingBatches), bs)
        .apply(manager, p -> pass, p -> streams.stream(Training.RECALIBRATION_STREAM, p));
  }

  private static NDArray run(
      Block block, NDArray x, boolean training, int height, int width, NDManager bm) {
    NDArray p =
        block.forward(new ParameterStore(bm, false), new NDList(x), training).singletonOrThrow();
    return BilinearResize.apply(p, height, width, bm);
  }

  private static NDArray batch(
      NDManager bm,
      float[] features,
      int[] order,
      int from,
      int to,
      int per,
      int channels,
      int side) {
    float[] v = new float[(to - from) * per];
    for (int i = from; i < to; i++) {
      System.arraycopy(features, (order == null ? i : order[i]) * per, v, (i - from) * per, per);
    }
    return bm.create(v, new Shape(to - from, channels, side, side));
  }
}
