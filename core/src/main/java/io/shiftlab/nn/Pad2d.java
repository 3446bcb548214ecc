package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Pads a batch {@code (N, C, H, W)} by {@code (top, bottom, left, right)} pixels with {@link
 * PaddingMode#ZERO}, {@link PaddingMode#REFLECT}, {@link PaddingMode#REPLICATE} or {@link
 * PaddingMode#CIRCULAR}; the output is {@code (N, C, H + top + bottom, W + left + right)}.
 *
 * <p>Padded position {@code i} reads source index {@code j = i - p} of an axis of length {@code n}
 * (PROTOCOLS card 11): zero reads 0; reflect mirrors without repeating the edge ({@code j < 0 ->
 * -j}, {@code j >= n -> 2n - 2 - j}, so {@code p <= n - 1}); replicate clamps to {@code [0, n -
 * 1]}; circular reads {@code j mod n} ({@code p <= n}). Same numbers as PyTorch's {@code
 * torch.nn.functional.pad} with {@code mode='constant' | 'reflect' | 'replicate' | 'circular'}.
 *
 * <p>Built from slices, flips and concatenations only, so gradients flow to the input: the gradient
 * of a padded pixel is added to the pixel it copies. Rows are padded first, then columns of the
 * row-padded array, which gives the corners the same values as the two-dimensional rule.
 */
public final class Pad2d extends UnaryBlock {
  private static final byte VERSION = 1;

  private final PaddingMode mode;
  private final int top;
  private final int bottom;
  private final int left;
  private final int right;

  /**
   * Creates the block.
   *
   * @param mode zero, reflect, replicate or circular
   * @param top rows added above, at least 0
   * @param bottom rows added below
   * @param left columns added on the left
   * @param right columns added on the right
   */
  public Pad2d(PaddingMode mode, int top, int bottom, int left, int right) {
    super(VERSION);
    this.mode = Objects.requireNonNull(mode, "mode");
    if (mode != PaddingMode.ZERO && !mode.readsOutside()) {
      throw new IllegalArgumentException(
          "Pad2d pads with zero, reflect, replicate or circular, not " + mode);
    }
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      throw new IllegalArgumentException(
          "padding must be >= 0, got " + top + ", " + bottom + ", " + left + ", " + right);
    }
    this.top = top;
    this.bottom = bottom;
    this.left = left;
    this.right = right;
  }

  /**
   * The same padding {@code p} on all four sides.
   *
   * @param mode zero, reflect, replicate or circular
   * @param p pixels per side
   * @return the block
   */
  public static Pad2d of(PaddingMode mode, int p) {
    return new Pad2d(mode, p, p, p, p);
  }

  /** Rows added at the top. */
  public int top() {
    return top;
  }

  /** Rows added at the bottom. */
  public int bottom() {
    return bottom;
  }

  /** Columns added on the left. */
  public int left() {
    return left;
  }

  /** Columns added on the right. */
  public int right() {
    return right;
  }

  /** The padding mode: what the added pixels hold. */
  public PaddingMode mode() {
    return mode;
  }

  /**
   * Pads {@code x} as this block does (the functional form).
   *
   * @param x a batch {@code (N, C, H, W)}
   * @return the padded batch
   */
  public NDArray pad(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw new IllegalArgumentException("expected a batch of shape (N, C, H, W), got " + s);
    }
    return padAxis(padAxis(x, 2, top, bottom), 3, left, right);
  }

  private NDArray padAxis(NDArray x, int axis, int before, int after) {
    if (before == 0 && after == 0) {
      return x;
    }
    long n = x.getShape().get(axis);
    int limit =
        mode == PaddingMode.REFLECT
            ? (int) n - 1
            : mode == PaddingMode.CIRCULAR ? (int) n : Integer.MAX_VALUE;
    if (before > limit || after > limit) {
      throw new IllegalArgumentException(
          mode
              + " padding of "
              + Math.max(before, after)
              + " needs an axis longer than "
              + (mode == PaddingMode.REFLECT ? "the padding" : "or as long as the padding")
              + ", got length "
              + n
              + (axis == 2 ? " (height)" : " (width)"));
    }
    NDList parts = new NDList(3);
    if (before > 0) {
      parts.add(side(x, axis, n, before, true));
    }
    parts.add(x);
    if (after > 0) {
      parts.add(side(x, axis, n, after, false));
    }
    return NDArrays.concat(parts, axis);
  }

  /** The {@code p} padded rows (or columns) on one side of an axis of length {@code n}. */
  private NDArray side(NDArray x, int axis, long n, int p, boolean before) {
    switch (mode) {
      case ZERO:
        Shape shape = x.getShape();
        long[] dims = shape.getShape().clone();
        dims[axis] = p;
        return x.getManager().zeros(new Shape(dims), x.getDataType(), x.getDevice());
      case REFLECT:
        // before: source 1..p read in reverse; after: source n-1-p..n-2 in reverse
        return before
            ? slice(x, axis, 1, p + 1).flip(axis)
            : slice(x, axis, n - 1 - p, n - 1).flip(axis);
      case REPLICATE:
        return (before ? slice(x, axis, 0, 1) : slice(x, axis, n - 1, n)).repeat(axis, p);
      case CIRCULAR:
        return before ? slice(x, axis, n - p, n) : slice(x, axis, 0, p);
      default:
        throw new AssertionError(mode);
    }
  }

  private static NDArray slice(NDArray x, int axis, long from, long to) {
    String range = from + ":" + to;
    return x.get(axis == 2 ? ":, :, " + range + ", :" : ":, :, :, " + range);
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    return pad(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long[] out = inputShapes[0].getShape().clone(); // getShape() is the live array
    out[2] += top + bottom;
    out[3] += left + right;
    return new Shape[] {new Shape(out)};
  }

  @Override
  public String toString() {
    return "Pad2d(" + mode + ", " + top + ", " + bottom + ", " + left + ", " + right + ")";
  }
}
