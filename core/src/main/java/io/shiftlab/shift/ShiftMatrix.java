package io.shiftlab.shift;

import java.util.Objects;

/**
 * The bilinear shift of one image axis, written as a matrix.
 *
 * <p>Shifting a length-{@code n} axis by {@code d} gives {@code out[i] = in(i - d)}. With {@code s
 * = i - d}, {@code k = floor(s)} and {@code f = s - k}, linear interpolation reads {@code (1 - f) *
 * in[k] + f * in[k + 1]}; each source index goes through {@link ShiftMode#source(int, int)}, which
 * either remaps it into the image or (zero mode) drops its weight. So {@code out = A in} with the
 * {@code n x n} matrix {@code A[i][mode(k)] += 1 - f}, {@code A[i][mode(k + 1)] += f}. A weight
 * that is exactly zero is never written, so an integer {@code d} gives a matrix of exact 0s and 1s
 * and the shift is an exact copy.
 *
 * <p>Bilinear interpolation is separable, so a 2-D shift of an {@code H x W} image is {@code Ay X
 * Ax^T}; see {@link BatchShifter}. Building the matrices costs {@code O(n^2)} per image, not per
 * pixel.
 */
public final class ShiftMatrix {
  private ShiftMatrix() {}

  /**
   * Writes the row-major {@code n x n} matrix {@code A} (output index, source index) into {@code
   * out} at {@code offset}, or its transpose when {@code transposed} (source index, output index).
   *
   * @param n the axis length
   * @param d the shift, positive towards higher indices
   * @param mode what is read outside the axis
   * @param transposed whether to write {@code A^T}
   * @param out the destination, at least {@code offset + n * n} long, zero in that range
   * @param offset where the matrix starts in {@code out}
   */
  static void write(int n, double d, ShiftMode mode, boolean transposed, float[] out, int offset) {
    for (int i = 0; i < n; i++) {
      double s = i - d;
      double k = Math.floor(s);
      double f = s - k;
      add(n, i, k, 1 - f, mode, transposed, out, offset);
      add(n, i, k + 1, f, mode, transposed, out, offset);
    }
  }

  private static void add(
      int n,
      int i,
      double j,
      double w,
      ShiftMode mode,
      boolean transposed,
      float[] out,
      int offset) {
    if (w == 0) {
      return;
    }
    int src = mode.source(reduce(j, n, mode), n);
    if (src == ShiftMode.OUTSIDE) {
      return;
    }
    int at = transposed ? offset + src * n + i : offset + i * n + src;
    out[at] += (float) w;
  }

  /**
   * Brings a far-away source index near the axis without changing what it reads, so that the int
   * cast cannot overflow: the periodic modes reduce modulo their period, the others clamp to one
   * step outside.
   */
  private static int reduce(double j, int n, ShiftMode mode) {
    if (j >= -1 && j <= n) {
      return (int) j;
    }
    switch (mode) {
      case CIRCULAR:
        return (int) (j - n * Math.floor(j / n));
      case REFLECT:
        int p = Math.max(1, 2 * n - 2);
        return (int) (j - p * Math.floor(j / p));
      default:
        return j < 0 ? -1 : n;
    }
  }

  /**
   * Returns the matrix {@code A} of one shift, row-major, {@code A[i * n + j]} the weight of source
   * {@code j} in output {@code i}.
   *
   * @param n the axis length, at least 1
   * @param d the shift, finite
   * @param mode what is read outside the axis
   * @return {@code n * n} weights
   */
  public static float[] of(int n, double d, ShiftMode mode) {
    check(n, mode);
    checkFinite(d);
    float[] a = new float[n * n];
    write(n, d, mode, false, a, 0);
    return a;
  }

  /**
   * Returns one matrix per shift, stacked: shape {@code (d.length, n, n)} row-major, each {@code A}
   * or, when {@code transposed}, {@code A^T}.
   *
   * @param n the axis length, at least 1
   * @param d the shifts, finite
   * @param mode what is read outside the axis
   * @param transposed whether to stack {@code A^T} rather than {@code A}
   * @return {@code d.length * n * n} weights
   */
  public static float[] stack(int n, float[] d, ShiftMode mode, boolean transposed) {
    check(n, mode);
    Objects.requireNonNull(d, "d");
    long size = (long) d.length * n * n;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(d.length + " matrices of " + n + "x" + n + " is too many");
    }
    float[] a = new float[(int) size];
    for (int b = 0; b < d.length; b++) {
      checkFinite(d[b]);
      write(n, d[b], mode, transposed, a, b * n * n);
    }
    return a;
  }

  private static void check(int n, ShiftMode mode) {
    Objects.requireNonNull(mode, "mode");
    if (n < 1) {
      throw new IllegalArgumentException("axis length must be positive, got " + n);
    }
  }

  private static void checkFinite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("shift must be finite, got " + d);
    }
  }
}
