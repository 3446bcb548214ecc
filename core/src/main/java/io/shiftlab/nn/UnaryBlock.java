package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block without parameters that maps one array to one array, y = f(x): it unpacks the single
 * input of DJL's {@code forwardInternal} and packs the single output, so that a layer only says
 * what f computes ({@link #apply}). The same role as a PyTorch module whose {@code forward} takes
 * one tensor.
 */
public abstract class UnaryBlock extends AbstractBlock {
  /**
   * Creates the block.
   *
   * @param version the block's serialisation version
   */
  protected UnaryBlock(byte version) {
    super(version);
  }

  /**
   * The forward pass.
   *
   * @param x the single input
   * @param training whether this is a training pass
   * @return the single output
   */
  protected abstract NDArray apply(NDArray x, boolean training);

  /**
   * Rejects an input of the wrong rank.
   *
   * @param x the input
   * @param what the layer, for the message, e.g. {@code global pool}
   * @param axes the expected axes, e.g. {@code (N, C, H, W)}; their count is the rank
   * @throws IllegalArgumentException {@code WHAT needs an AXES input, got SHAPE}
   */
  protected static void requireAxes(NDArray x, String what, String axes) {
    if (x.getShape().dimension() != axes.split(",").length) {
      throw new IllegalArgumentException(
          what + " needs an " + axes + " input, got " + x.getShape());
    }
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(inputs.singletonOrThrow(), training));
  }
}
