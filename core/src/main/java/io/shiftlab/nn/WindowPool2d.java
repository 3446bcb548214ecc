package io.shiftlab.nn;

import ai.djl.ndarray.types.Shape;

/**
 * What every square-window pool shares: a kernel k, a stride s and a symmetric padding p, checked
 * once, and the output size per spatial axis n&prime; = &lfloor;(n + 2p &minus; k) / s&rfloor; + 1
 * (floor mode, as libtorch). The subclasses say what the window computes ({@link MaxPool2d}, {@link
 * AvgPool2d}); the receptive-field code ({@code io.shiftlab.rf.BlockGeometry}) reads k, s and p
 * from here. No parameters.
 */
public abstract class WindowPool2d extends UnaryBlock {
  private final String kind;
  private final int kernel;
  private final int stride;
  private final int padding;

  /**
   * Checks and keeps the window.
   *
   * @param version the block's serialisation version
   * @param kind the name in messages and {@link #toString()}, e.g. {@code MaxPool2d}
   * @param kernel the kernel size k, at least 1
   * @param stride the stride s, at least 1
   * @param padding the padding p per side, 0 to k/2 (libtorch's limit)
   */
  protected WindowPool2d(byte version, String kind, int kernel, int stride, int padding) {
    super(version);
    if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
      throw new IllegalArgumentException(
          kind
              + " needs kernel >= 1, stride >= 1, 0 <= padding <= kernel/2; got k="
              + kernel
              + " s="
              + stride
              + " p="
              + padding);
    }
    this.kind = kind;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
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
    return kind + "(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
  }
}
