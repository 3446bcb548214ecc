package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The coordinate channels of CoordConv (Liu et al., "An intriguing failing of convolutional neural
 * networks and the CoordConv solution", NeurIPS 2018): appends to an (N, C, H, W) input the
 * channels xx(i, j) = 2j/(W&minus;1) &minus; 1 and yy(i, j) = 2i/(H&minus;1) &minus; 1 (row i down,
 * column j right, both in [&minus;1, 1]), in that order, and with {@link Radius#WITH} a third
 * channel r = &radic;(xx&sup2; + yy&sup2;) &isin; [0, &radic;2]. An axis of length 1 has coordinate
 * 0. Output (N, C + 2 or 3, H, W); the coordinates are constants, so the gradient reaches only the
 * first C channels (as the identity). No parameters.
 *
 * <p>The authors' reference implementation divides the column index by H&minus;1 and the row index
 * by W&minus;1 (normalisers swapped), which is correct only for square maps; this block uses the
 * paper's formula, which differs from that code on non-square inputs.
 */
public final class AddCoords extends ChoiceBlock<AddCoords.Radius> {
  private static final byte VERSION = 1;

  /** Whether the radius channel r is appended after xx and yy. */
  public enum Radius {
    /** Only xx and yy. */
    WITHOUT,
    /** xx, yy and r. */
    WITH
  }

  /**
   * Creates the block.
   *
   * @param radius whether to append r
   */
  public AddCoords(Radius radius) {
    super(VERSION, radius, "radius choice");
  }

  /** Whether r is appended. */
  public Radius radius() {
    return choice();
  }

  /** The number of channels appended: 2 or 3. */
  public int extraChannels() {
    return choice() == Radius.WITH ? 3 : 2;
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    Shape s = x.getShape();
    long n = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    NDManager m = x.getManager();
    Shape plane = new Shape(n, 1, h, w);
    NDArray xx = axis(m, w).toType(x.getDataType(), false).reshape(1, 1, 1, w).broadcast(plane);
    NDArray yy = axis(m, h).toType(x.getDataType(), false).reshape(1, 1, h, 1).broadcast(plane);
    NDList parts = new NDList(x, xx, yy);
    if (choice() == Radius.WITH) {
      parts.add(xx.square().add(yy.square()).sqrt());
    }
    return NDArrays.concat(parts, 1);
  }

  /** 2t/(n&minus;1) &minus; 1 for t = 0..n&minus;1, or 0 when n = 1. */
  private static NDArray axis(NDManager m, long n) {
    if (n == 1) {
      return m.zeros(new Shape(1));
    }
    return m.arange(0, (int) n).toType(DataType.FLOAT64, false).mul(2.0 / (n - 1)).sub(1.0);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long[] out = inputShapes[0].getShape().clone();
    out[1] += extraChannels();
    return new Shape[] {new Shape(out)};
  }

  @Override
  protected String label() {
    return super.label() + " r";
  }
}
