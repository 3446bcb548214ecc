package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.ConvGeometry;
import io.shiftlab.runtime.TorchRuntime;

/**
 * Anti-aliased downsampling (Zhang, "Making Convolutional Networks Shift-Invariant Again", ICML
 * 2019): a fixed binomial low-pass filter applied depthwise, then subsampling with stride s.
 *
 * <p>The 1-D taps of filter size k are the binomial coefficients a<sub>i</sub> = C(k&minus;1, i), i
 * = 0..k&minus;1 ([1], [1,1], [1,2,1], [1,3,3,1], ...); the 2-D kernel is the outer product a
 * a<sup>T</sup> divided by its sum, so it keeps the mean. The input is reflect-padded (mirror
 * without repeating the edge) by &lfloor;(k&minus;1)/2&rfloor; left/top and &lceil;(k&minus;1)/2
 * &rceil; right/bottom, then every channel is convolved with the same kernel (groups = C) at stride
 * s: y<sub>c</sub>(i, j) = &Sigma;<sub>u,v</sub> K(u, v) x<sup>pad</sup><sub>c</sub>(si + u, sj +
 * v). Output size per axis: &lceil;n / s&rceil;. k = 1 is plain subsampling x[::s, ::s].
 *
 * <p>The edge may instead be {@link PaddingMode#CIRCULAR} (same amounts, wrapping around): the
 * circular blur at stride 1 that APS with blur applies before it selects a polyphase component
 * (Chaman &amp; Dokmani&cacute; 2021; PROTOCOLS card 11), which commutes with circular shifts.
 *
 * <p>The kernel is not a parameter: it is rebuilt in the input's manager on every call, so the
 * block has nothing to train and its parameter file holds only the version and input shapes.
 * Reflect padding needs n &gt; &lceil;(k&minus;1)/2&rceil; per spatial axis.
 */
public final class BlurPool extends UnaryBlock {
  private static final byte VERSION = 1;

  /** The largest supported filter size. */
  public static final int MAX_SIZE = 7;

  private final int size;
  private final int stride;
  private final PaddingMode edge;

  /**
   * Creates the block.
   *
   * @param size the filter size k, 1 to 7
   * @param stride the stride s, at least 1 (2 in the paper)
   */
  public BlurPool(int size, int stride) {
    this(size, stride, PaddingMode.REFLECT);
  }

  /**
   * Creates the block with a chosen edge rule.
   *
   * @param size the filter size k, 1 to 7
   * @param stride the stride s, at least 1
   * @param edge {@link PaddingMode#REFLECT} (the paper's) or {@link PaddingMode#CIRCULAR}
   */
  public BlurPool(int size, int stride, PaddingMode edge) {
    super(VERSION);
    if (edge != PaddingMode.REFLECT && edge != PaddingMode.CIRCULAR) {
      throw new IllegalArgumentException("blur pool pads reflect or circular, not " + edge);
    }
    this.edge = edge;
    if (size < 1 || size > MAX_SIZE || stride < 1) {
      throw new IllegalArgumentException(
          "blur pool needs 1 <= size <= "
              + MAX_SIZE
              + " and stride >= 1; got k="
              + size
              + " s="
              + stride);
    }
    this.size = size;
    this.stride = stride;
  }

  /**
   * The paper's setting: filter size k, stride 2.
   *
   * @param size k, 1 to 7
   * @return the block
   */
  public static BlurPool of(int size) {
    return new BlurPool(size, 2);
  }

  /** The filter size k. */
  public int size() {
    return size;
  }

  /** The stride s. */
  public int stride() {
    return stride;
  }

  /** How the border is padded: reflect or circular. */
  public PaddingMode edge() {
    return edge;
  }

  /**
   * The unnormalised 1-D taps C(k&minus;1, i), i = 0..k&minus;1.
   *
   * @param size k, 1 to 7
   * @return the binomial row
   */
  public static long[] taps(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("blur size must be 1.." + MAX_SIZE + ", got " + size);
    }
    long[] row = new long[size];
    row[0] = 1;
    for (int i = 1; i < size; i++) {
      row[i] = row[i - 1] * (size - i) / i;
    }
    return row;
  }

  /**
   * The normalised 2-D kernel a a<sup>T</sup> / (&Sigma;a)<sup>2</sup>, row-major k x k.
   *
   * @param size k, 1 to 7
   * @return k&middot;k weights summing to 1
   */
  public static double[] kernel2d(int size) {
    long[] a = taps(size);
    long sum = 0;
    for (long v : a) {
      sum += v;
    }
    double[] k = new double[size * size];
    for (int u = 0; u < size; u++) {
      for (int v = 0; v < size; v++) {
        k[u * size + v] = (double) (a[u] * a[v]) / (double) (sum * sum);
      }
    }
    return k;
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    if (size == 1) {
      return x.get(new NDIndex(":, :, ::" + stride + ", ::" + stride));
    }
    int before = (size - 1) / 2;
    int after = size - 1 - before;
    NDArray padded =
        edge == PaddingMode.CIRCULAR
            ? new Pad2d(edge, before, after, before, after).pad(x)
            : reflect(reflect(x, 2, before, after), 3, before, after);
    long channels = x.getShape().get(1);
    double[] k = kernel2d(size);
    float[] kf = new float[k.length];
    for (int i = 0; i < k.length; i++) {
      kf[i] = (float) k[i];
    }
    NDArray kernel =
        x.getManager()
            .create(kf, new Shape(1, 1, size, size))
            .toType(x.getDataType(), false)
            .repeat(0, channels);
    return TorchRuntime.conv()
        .conv2d(padded, kernel, null, new ConvGeometry(stride, 0, 1, (int) channels));
  }

  /**
   * Reflect padding along one axis: j &lt; 0 &rarr; &minus;j, j &ge; n &rarr; 2n &minus; 2 &minus;
   * j.
   */
  static NDArray reflect(NDArray x, int axis, int before, int after) {
    long n = x.getShape().get(axis);
    if (before >= n || after >= n) {
      throw new IllegalArgumentException(
          "reflect padding of "
              + Math.max(before, after)
              + " needs a side longer than that, got "
              + n);
    }
    NDList parts = new NDList();
    if (before > 0) {
      parts.add(x.get(slice(axis, 1, before + 1)).flip(axis));
    }
    parts.add(x);
    if (after > 0) {
      parts.add(x.get(slice(axis, n - 1 - after, n - 1)).flip(axis));
    }
    return parts.size() == 1 ? x : NDArrays.concat(parts, axis);
  }

  private static NDIndex slice(int axis, long from, long to) {
    StringBuilder s = new StringBuilder();
    for (int a = 0; a < axis; a++) {
      s.append(":, ");
    }
    return new NDIndex(s.append(from).append(':').append(to).toString());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long[] out = inputShapes[0].getShape().clone();
    for (int axis = out.length - 2; axis < out.length; axis++) {
      out[axis] = Math.floorDiv(out[axis] + stride - 1, stride);
    }
    return new Shape[] {new Shape(out)};
  }

  @Override
  public String toString() {
    return "BlurPool(k="
        + size
        + ", s="
        + stride
        + (edge == PaddingMode.REFLECT ? "" : ", " + edge)
        + ")";
  }
}
