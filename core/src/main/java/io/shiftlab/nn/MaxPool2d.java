package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Two-dimensional max pooling with a square kernel k, stride s and symmetric padding p (padded
 * positions never win the max), as in DJL's {@link Pool#maxPool2d}; the output size per spatial
 * axis is n&prime; = &lfloor;(n + 2p &minus; k) / s&rfloor; + 1 (floor mode).
 *
 * <p>Same numbers as {@code Pool.maxPool2dBlock}, which is a lambda that hides its kernel; this
 * block exposes kernel, stride and padding so that the receptive field of a model can be read off
 * its blocks ({@code io.shiftlab.rf.BlockGeometry}). It has no parameters, and its parameter-file
 * record is byte for byte that of the lambda it replaces.
 */
public final class MaxPool2d extends WindowPool2d {
  // The version of DJL's LambdaBlock: both write the version byte and the input shapes, so
  // parameter files saved when the catalog pooled with Pool.maxPool2dBlock load unchanged.
  private static final byte VERSION = 2;

  /**
   * Creates the block.
   *
   * @param kernel the kernel size k, at least 1
   * @param stride the stride s, at least 1
   * @param padding the padding p per side, 0 to k/2 (libtorch's limit)
   */
  public MaxPool2d(int kernel, int stride, int padding) {
    super(VERSION, "MaxPool2d", kernel, stride, padding);
  }

  /**
   * A k x k pool with stride k and no padding, e.g. the usual 2x2 pool.
   *
   * @param kernel k
   * @return the block
   */
  public static MaxPool2d of(int kernel) {
    return new MaxPool2d(kernel, kernel, 0);
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    if (!training && kernel() == 2 && stride() == 2 && padding() == 0 && !JniUtils.isGradMode()) {
      return maxOfFourSlices(x);
    }
    return Pool.maxPool2d(
        x,
        new Shape(kernel(), kernel()),
        new Shape(stride(), stride()),
        new Shape(padding(), padding()),
        false);
  }

  /**
   * The 2 x 2, stride 2 pool of inference as the element-wise maximum of the four strided slices
   * {@code x[..., i::2, j::2]}: the same numbers bit for bit (a maximum is exact), about 7 times
   * faster than libtorch's CPU {@code max_pool2d} on NCHW maps (bench/README.md, "Profile"). Its
   * gradient would split ties where {@code max_pool2d} gives them to the first maximum, and it is
   * slow to differentiate, so training and anything under a gradient collector (receptive-field
   * probes) keep {@code max_pool2d}.
   */
  private static NDArray maxOfFourSlices(NDArray x) {
    Shape s = x.getShape();
    int d = s.dimension();
    // floor mode: an odd last row or column is dropped, as max_pool2d does
    long h = s.get(d - 2) / 2 * 2;
    long w = s.get(d - 1) / 2 * 2;
    String lead = d == 4 ? ":, :, " : ":, ";
    NDArray a = x.get(lead + "0:" + h + ":2, 0:" + w + ":2");
    NDArray b = x.get(lead + "0:" + h + ":2, 1:" + w + ":2");
    NDArray c = x.get(lead + "1:" + h + ":2, 0:" + w + ":2");
    NDArray e = x.get(lead + "1:" + h + ":2, 1:" + w + ":2");
    return a.maximum(b).maximum(c.maximum(e));
  }
}
