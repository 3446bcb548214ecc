package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Global pooling over the spatial axes: (N, C, H, W) &rarr; (N, C) with y(n, c) = (1/HW)
 * &Sigma;<sub>i,j</sub> x(n, c, i, j) for {@link Kind#AVG} (global average pooling, Lin et al.,
 * "Network in Network", ICLR 2014) or max<sub>i,j</sub> x(n, c, i, j) for {@link Kind#MAX}. Both
 * are invariant to any permutation of positions, so to circular shifts. No parameters.
 */
public final class GlobalPool extends ChoiceBlock<GlobalPool.Kind> {
  private static final byte VERSION = 1;

  /** The per-channel reduction. */
  public enum Kind {
    /** Mean over H and W. */
    AVG,
    /** Maximum over H and W. */
    MAX,
    /**
     * Mean over H and W of each channel's values sorted ascending: the average up to rounding, but
     * invariant bit for bit to any permutation of positions, since the float sum then runs over the
     * same sequence wherever the values sit ({@link #AVG}'s vectorised sum groups them by position,
     * so a circular shift can change its last bits).
     */
    SORTED_AVG
  }

  /**
   * Creates the block.
   *
   * @param kind the reduction
   */
  public GlobalPool(Kind kind) {
    super(VERSION, kind, "global pool kind");
  }

  /** The reduction. */
  public Kind kind() {
    return choice();
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    requireAxes(x, "global pool", "(N, C, H, W)");
    // libtorch's max reduces one axis at a time
    NDArray flat = x.reshape(x.getShape().get(0), x.getShape().get(1), -1);
    int[] last = {2};
    return switch (choice()) {
      case AVG -> flat.mean(last);
      case MAX -> flat.max(last);
      case SORTED_AVG -> flat.sort(2).mean(last);
    };
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1))};
  }
}
