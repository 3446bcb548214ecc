package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing with aligned corners ({@code F.interpolate(..., mode='bilinear',
 * align_corners=True)}), written as two matrix products {@code out = Ay X Ax^T}, so that it is
 * exact, differentiable and needs no engine-specific operator.
 *
 * <p>Output index {@code i} of {@code m} reads input position {@code s = i (n - 1) / (m - 1)} (0
 * when {@code m = 1}) and mixes {@code floor(s)} and {@code floor(s) + 1} with weights {@code 1 -
 * f} and {@code f}, {@code f = s - floor(s)}: the first and last samples of input and output
 * coincide. Used by the position read-out (PROTOCOLS card 6) to bring feature maps to a common size
 * and predictions to the target size.
 */
public final class BilinearResize {
  private BilinearResize() {}

  /**
   * The {@code m x n} interpolation matrix from length {@code n} to length {@code m}, row-major.
   *
   * @param n input length, at least 1
   * @param m output length, at least 1
   * @return the matrix; every row sums to 1
   */
  public static float[] matrix(int n, int m) {
    if (n < 1 || m < 1) {
      throw new IllegalArgumentException("resize lengths must be positive, got " + n + " -> " + m);
    }
    float[] a = new float[m * n];
    for (int i = 0; i < m; i++) {
      double s = m == 1 ? 0 : (double) i * (n - 1) / (m - 1);
      int k = (int) Math.floor(s);
      double f = s - k;
      if (k >= n - 1) {
        a[i * n + (n - 1)] = 1f;
      } else {
        a[i * n + k] = (float) (1 - f);
        a[i * n + k + 1] += (float) f;
      }
    }
    return a;
  }

  /**
   * Resizes a batch.
   *
   * @param x (N, C, H, W) floats
   * @param height output rows
   * @param width output columns
   * @param manager where the matrices and the result are attached
   * @return (N, C, height, width); {@code x} itself when the size already matches
   */
  public static NDArray apply(NDArray x, int height, int width, NDManager manager) {
    Shape s = x.getShape();
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    if (h == height && w == width) {
      return x;
    }
    NDArray ay = manager.create(matrix(h, height), new Shape(height, h));
    NDArray axT = manager.create(matrix(w, width), new Shape(width, w)).transpose();
    return ay.matMul(x).matMul(axT);
  }
}
