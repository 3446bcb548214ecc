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

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(inputs.singletonOrThrow(), training));
  }
}
