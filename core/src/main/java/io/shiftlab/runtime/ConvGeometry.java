package io.shiftlab.runtime;

/**
 * How a two-dimensional convolution slides: the same stride, zero padding and dilation on both
 * axes, and the number of groups (PyTorch's {@code conv2d(x, w, b, stride, padding, dilation,
 * groups)} with square settings).
 *
 * @param stride step between windows, at least 1
 * @param padding zeros added on every side, at least 0
 * @param dilation spacing between kernel taps, at least 1
 * @param groups input and output channels are split into this many independent groups, at least 1
 */
public record ConvGeometry(int stride, int padding, int dilation, int groups) {
  /** Validates the settings. */
  public ConvGeometry {
    if (stride < 1 || padding < 0 || dilation < 1 || groups < 1) {
      throw new IllegalArgumentException(
          "convolution geometry needs stride >= 1, padding >= 0, dilation >= 1, groups >= 1; got"
              + " stride="
              + stride
              + " padding="
              + padding
              + " dilation="
              + dilation
              + " groups="
              + groups);
    }
  }

  /**
   * A convolution with one group.
   *
   * @param stride the stride
   * @param padding the zero padding per side
   * @param dilation the dilation
   * @return the geometry
   */
  public static ConvGeometry of(int stride, int padding, int dilation) {
    return new ConvGeometry(stride, padding, dilation, 1);
  }

  /**
   * The output length of one axis, {@code floor((n + 2p - d (k - 1) - 1) / s) + 1}.
   *
   * @param n the input length
   * @param kernel the kernel size k
   * @return the output length (0 or less when the kernel does not fit)
   */
  public long outputLength(long n, long kernel) {
    return Math.floorDiv(n + 2L * padding - dilation * (kernel - 1) - 1, stride) + 1;
  }
}
