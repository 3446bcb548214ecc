package io.shiftlab.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

/**
 * Floating-point operations of one forward pass per image, counted as the matrix products do: every
 * block with a {@code weight} parameter (convolutions, dense layers) costs {@code 2 x output
 * elements x (weight elements / output channels)}, i.e. two operations per multiply-add.
 * Activations, pooling and bias additions are left out, as usual; a training step is counted as
 * three forward passes (forward, gradient of the input, gradient of the weights).
 *
 * <p>Shapes are followed through {@link SequentialBlock}s only; for any other composite block the
 * count is unknown ({@code NaN}) and the benchmark reports no GFLOP/s for that model.
 */
public final class FlopCount {
  /** A training step costs about three forward passes. */
  public static final double TRAIN_FACTOR = 3.0;

  private FlopCount() {}

  /**
   * Forward FLOPs per image.
   *
   * @param block an initialised block
   * @param input the shape of one batch of a single image, e.g. (1, 1, 28, 28)
   * @return the count, or NaN if the block's structure cannot be followed
   */
  public static double forwardPerImage(Block block, Shape input) {
    double[] flops = {0};
    Shape out = walk(block, input, flops);
    return out == null ? Double.NaN : flops[0] / input.get(0);
  }

  private static Shape walk(Block block, Shape in, double[] flops) {
    if (block instanceof SequentialBlock seq) {
      Shape s = in;
      for (Pair<String, Block> child : seq.getChildren()) {
        s = walk(child.getValue(), s, flops);
        if (s == null) {
          return null;
        }
      }
      return s;
    }
    if (!block.getChildren().isEmpty()) {
      return null;
    }
    Shape out = block.getOutputShapes(new Shape[] {in})[0];
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      if (p.getKey().equals("weight") && p.getValue().getArray() != null) {
        Shape w = p.getValue().getArray().getShape();
        flops[0] += 2.0 * out.size() * (w.size() / (double) w.get(0));
      }
    }
    return out;
  }
}
