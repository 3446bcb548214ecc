package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Adaptive polyphase sampling (Chaman &amp; Dokmani&cacute;, "Truly shift-invariant convolutional
 * neural networks", CVPR 2021): downsampling by 2 that keeps, per sample, the polyphase component
 * of largest norm instead of always the (0, 0) one.
 *
 * <p>The four components are x<sub>ab</sub>(i, j) = x(2i + a, 2j + b), taken in the order (a, b) =
 * (0,0), (1,0), (0,1), (1,1). For each sample n the block keeps x<sub>a*b*</sub> with (a*, b*) =
 * argmax ||x<sub>ab</sub>[n]|| over all channels and positions (the first component wins a tie), so
 * a circular shift of the input by any integer (dy, dx) only permutes and circularly rolls the
 * components, and the output moves by a circular shift at half resolution. Odd H or W is first made
 * even by circularly repeating the top row at the bottom / the left column at the right. Output
 * shape (N, C, &lceil;H/2&rceil;, &lceil;W/2&rceil;). The gradient flows to the selected component
 * only. No parameters.
 */
public final class Aps extends ChoiceBlock<Aps.Norm> implements PolyphaseSelect {
  private static final byte VERSION = 1;

  /** The norm that ranks the polyphase components. */
  public enum Norm {
    /** Euclidean norm (the paper's choice); ranked by the sum of squares. */
    L2,
    /** Sum of absolute values. */
    L1,
    /** Largest absolute value. */
    LINF
  }

  /** APS with the paper's l2 criterion. */
  public Aps() {
    this(Norm.L2);
  }

  /**
   * Creates the block.
   *
   * @param norm the selection criterion
   */
  public Aps(Norm norm) {
    super(VERSION, norm, "APS norm");
  }

  /** The selection criterion. */
  public Norm norm() {
    return choice();
  }

  /**
   * The index (0..3, in the order (0,0), (1,0), (0,1), (1,1)) of the component each sample keeps.
   *
   * @param x an (N, C, H, W) input
   * @return an (N) int64 array
   */
  @Override
  public NDArray selection(NDArray x) {
    return score(components(x)).argMax(1);
  }

  /**
   * Keeps component {@code index[n]} of each sample n of {@code x}, whatever chose it: with {@code
   * index = selection(x)} this is the block's forward pass; a residual block's skip path passes the
   * index of its main path so that both keep the same phase.
   *
   * @param x an (N, C, H, W) input
   * @param index an (N) array of component indices 0..3
   * @return the (N, C, &lceil;H/2&rceil;, &lceil;W/2&rceil;) components
   */
  @Override
  public NDArray select(NDArray x, NDArray index) {
    NDArray stacked = components(x);
    Shape s = stacked.getShape();
    NDArray gatherIndex =
        index
            .toType(DataType.INT64, false)
            .reshape(s.get(0), 1, 1, 1, 1)
            .broadcast(new Shape(s.get(0), 1, s.get(2), s.get(3), s.get(4)))
            .duplicate();
    return stacked.gather(gatherIndex, 1).squeeze(1);
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    return select(x, selection(x));
  }

  /** The components stacked on a new axis 1: (N, 4, C, H/2, W/2) after circular even-making. */
  private static NDArray components(NDArray x) {
    requireAxes(x, "APS", "(N, C, H, W)");
    if (x.getShape().get(2) % 2 == 1) {
      x = x.concat(x.get(":, :, 0:1"), 2);
    }
    if (x.getShape().get(3) % 2 == 1) {
      x = x.concat(x.get(":, :, :, 0:1"), 3);
    }
    return NDArrays.stack(
        new NDList(
            x.get(new NDIndex(":, :, 0::2, 0::2")),
            x.get(new NDIndex(":, :, 1::2, 0::2")),
            x.get(new NDIndex(":, :, 0::2, 1::2")),
            x.get(new NDIndex(":, :, 1::2, 1::2"))),
        1);
  }

  /** Per sample and component, a number that orders the components like the chosen norm. */
  private NDArray score(NDArray stacked) {
    Shape s = stacked.getShape();
    NDArray flat = stacked.reshape(s.get(0), 4, -1);
    int[] last = {2};
    return switch (choice()) {
      case L2 -> flat.square().sum(last);
      case L1 -> flat.abs().sum(last);
      case LINF -> flat.abs().max(last);
    };
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long[] out = inputShapes[0].getShape().clone();
    out[2] = (out[2] + 1) / 2;
    out[3] = (out[3] + 1) / 2;
    return new Shape[] {new Shape(out)};
  }
}
