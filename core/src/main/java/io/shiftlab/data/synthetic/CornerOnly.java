package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;

/**
 * The corner-only data set of card 3 in {@code /work/shared/PROTOCOLS.md} ("## 3. corner-only").
 *
 * <p>A 28x28 digit is placed on a 64x64 zero canvas at one of four corners: top-left (2, 2),
 * top-right (2, 34), bottom-left (34, 2) or bottom-right (34, 34). The training split has every
 * digit at the top-left; the test split is built once per corner. Placement is done by {@link
 * CanvasPlacement}.
 */
public final class CornerOnly {
  /** Canvas side in pixels. */
  public static final int CANVAS = 64;

  /** Side of the digits, in pixels. */
  public static final int DIGIT = 28;

  private static final CanvasPlacement PLACEMENT = new CanvasPlacement(CANVAS, CANVAS);

  /** The four corners of card 3, each with the top-left canvas pixel of the digit. */
  public enum Corner {
    /** Top-left, digit at (2, 2). */
    TL(2, 2),
    /** Top-right, digit at (2, 34). */
    TR(2, 34),
    /** Bottom-left, digit at (34, 2). */
    BL(34, 2),
    /** Bottom-right, digit at (34, 34). */
    BR(34, 34);

    private final int row;
    private final int col;

    Corner(int row, int col) {
      this.row = row;
      this.col = col;
    }

    /** Canvas row of the digit's top-left pixel. */
    public int row() {
      return row;
    }

    /** Canvas column of the digit's top-left pixel. */
    public int col() {
      return col;
    }
  }

  private CornerOnly() {}

  /**
   * The training split: every digit at the top-left corner.
   *
   * @param digits 28x28 digits (any number of channels)
   * @return the digits on 64x64 canvases, named {@code <name>/corner-TL}
   */
  public static ImageSet train(ImageSet digits) {
    return test(digits, Corner.TL);
  }

  /**
   * A test split: every digit at the given corner.
   *
   * @param digits 28x28 digits (any number of channels)
   * @param corner where to put them
   * @return the digits on 64x64 canvases, named {@code <name>/corner-<corner>}
   * @throws IllegalArgumentException if the digits are not 28x28
   */
  public static ImageSet test(ImageSet digits, Corner corner) {
    if (digits.height() != DIGIT || digits.width() != DIGIT) {
      throw new IllegalArgumentException(
          "corner-only needs 28x28 digits, got " + digits.height() + "x" + digits.width());
    }
    return PLACEMENT.place(
        digits.name() + "/corner-" + corner.name(), digits, corner.row(), corner.col());
  }
}
