package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

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
public final class AvgPool2d extends WindowPool2d {
  private static final byte VERSION = 1;

  /**
   * Creates the block.
   *
   * @param kernel the kernel size k, at least 1
   * @param stride the stride s, at least 1
   * @param padding the padding p per side, 0 to k/2 (libtorch's limit)
   */
  public AvgPool2d(int kernel, int stride, int padding) {
    super(VERSION, "AvgPool2d", kernel, stride, padding);
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

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    return Pool.avgPool2d(
        x,
        new Shape(kernel(), kernel()),
        new Shape(stride(), stride()),
        new Shape(padding(), padding()),
        false,
        true);
  }
}
