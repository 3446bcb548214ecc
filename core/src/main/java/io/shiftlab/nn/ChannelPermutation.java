package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random channel permutation of PermuteNet (Islam et al., "Position, padding and predictions: a
 * deeper look at position information in CNNs", 2021): for an (N, C) feature vector, y(n, c) = x(n,
 * &pi;<sub>n</sub>(c)) with a fresh uniform random permutation &pi;<sub>n</sub> per sample and per
 * forward call, so a following layer cannot read information from which channel holds a value.
 *
 * <p>&pi;<sub>n</sub> = argsort(u<sub>n</sub>), u<sub>n</sub> ~ U(0, 1)<sup>C</sup> i.i.d., drawn
 * from libtorch's global generator, so reseeding it ({@code TorchRuntime.seedTorch}) repeats the
 * permutations. With {@link Phase#ALWAYS} (the paper's setting) it permutes at inference too; with
 * {@link Phase#TRAINING} inference is the identity. The gradient is the inverse permutation of the
 * output gradient. No parameters.
 */
public final class ChannelPermutation extends ChoiceBlock<ChannelPermutation.Phase> {
  private static final byte VERSION = 1;

  /** When the block permutes. */
  public enum Phase {
    /** Only in training; the identity at inference. */
    TRAINING,
    /** In training and at inference. */
    ALWAYS
  }

  /** Permutes in training and at inference, as in the paper. */
  public ChannelPermutation() {
    this(Phase.ALWAYS);
  }

  /**
   * Creates the block.
   *
   * @param phase when to permute
   */
  public ChannelPermutation(Phase phase) {
    super(VERSION, phase, "permutation phase");
  }

  /** When the block permutes. */
  public Phase phase() {
    return choice();
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    requireAxes(x, "channel permutation", "(N, C)");
    if (!training && choice() == Phase.TRAINING) {
      return x;
    }
    NDArray order =
        x.getManager()
            .randomUniform(0f, 1f, x.getShape(), DataType.FLOAT32)
            .argSort(1)
            .toType(DataType.INT64, false);
    return x.gather(order, 1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
