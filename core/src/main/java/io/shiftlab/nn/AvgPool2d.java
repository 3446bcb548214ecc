package io.shiftlab.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Two-dimensional average pooling with a square kernel k, stride s and symmetric zero padding p:
 * y(i, j) = (1/k<sup>2</sup>) &Sigma;<sub>u,v &lt; k</sub> x<sup>pad</sup>(si + u, sj + v), the
 * padded zeros counted in the k<sup>2</sup> (PyTorch {@code AvgPool2d} with {@code
 * count_include_pad=True}, DJL's {@link Pool#avgPool2d}); the output size per spatial axis is
 * n&prime; = &lfloor;(n + 2p &minus; k) / s&rfloor; + 1 (floor mode).
 *
 * <p>The "AvgPool" downsampling of PROTOCOLS card 11 (and of Zhang, ICML 2019, whose recipe
 * replaces it by a blur pool); the block exposes kernel, stride and padding so that {@code
 * io.shiftlab.rf.BlockGeometry} can read its receptive field, as for {@link MaxPool2d}. No
 * parameters.
 */
public final class AvgPool2d extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int kernel;
  private final int stride;
  private final int padding;

  /**
   * Creates the block.
   *
   * @param kernel the kernel size k, at least 1
   * @param stride the stride s, at least 1
   * @param padding the padding p per side, 0 to k/2 (libtorch's limit)
   */
  public AvgPool2d(int kernel, int stride, int padding) {
    super(VERSION);
    if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
      throw new IllegalArgumentException(
          "average pool needs kernel >= 1, stride >= 1, 0 <= padding <= kernel/2; got k="
              + kernel
              + " s="
              + stride
              + " p="
              + padding);
    }
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  /**
   * A k x k pool with stride k and no padding, e.g. the usual 2x2 pool.
   *
   * @param kernel k
   * @return the block
   */
  public static AvgPool2d of(int kernel) {
    return new AvgPool2d(kernel, kernel, 0);
  }

  /** The kernel size k. */
  public int kernel() {
    return kernel;
  }

  /** The stride s. */
  public int stride() {
    return stride;
  }

  /** The padding p per side. */
  public int padding() {
    return padding;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(
        Pool.avgPool2d(
            inputs.singletonOrThrow(),
            new Shape(kernel, kernel),
            new Shape(stride, stride),
            new Shape(padding, padding),
            false,
            true));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    int d = in.dimension();
    long[] out = in.getShape().clone(); // DJL hands out its internal array
    for (int axis = d - 2; axis < d; axis++) {
      out[axis] = Math.floorDiv(out[axis] + 2L * padding - kernel, stride) + 1;
    }
    return new Shape[] {new Shape(out)};
  }

  @Override
  public String toString() {
    return "AvgPool2d(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
  }
}
