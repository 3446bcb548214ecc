package io.shiftlab.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of an unsigned-byte IDX file: its dimensions and its values in row-major order.
 *
 * @param dims the dimensions, outermost first, each at least 1, e.g. {@code [60000, 28, 28]}
 * @param data the values, {@code dims[0] * dims[1] * ...} bytes, to be read as unsigned
 */
public record IdxArray(int[] dims, byte[] data) {

  /** Checks that the data length is the product of the dimensions. */
  public IdxArray {
    Objects.requireNonNull(dims, "dims");
    Objects.requireNonNull(data, "data");
    long n = 1;
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
      }
      n = Math.multiplyExact(n, (long) d);
    }
    if (dims.length == 0 || n != data.length) {
      throw new IllegalArgumentException(
          "dimensions " + Arrays.toString(dims) + " do not match " + data.length + " bytes");
    }
    dims = dims.clone();
  }

  /** The dimensions, as a copy. */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** The size of the outermost dimension: the number of items. */
  public int count() {
    return dims[0];
  }

  /**
   * The size of one dimension.
   *
   * @param i the dimension index, 0 = outermost
   * @return its size
   */
  public int dim(int i) {
    return dims[i];
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.length;
  }
}
