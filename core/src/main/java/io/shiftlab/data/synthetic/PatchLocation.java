package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;

/**
 * The two images of the patch-location capacity test (PROTOCOLS card 4, "patch-location"; Kayhan
 * &amp; van Gemert CVPR 2020 Fig. 1, {@code chess.ipynb}).
 *
 * <p>Each image is 1&times;32&times;32 with background 0 and one identical procedural rook patch of
 * {@value #PATCH_ROWS} rows &times; {@value #PATCH_COLS} columns: class 0 holds it at rows
 * 0&ndash;15, columns 0&ndash;12 (top-left corner), class 1 at rows 16&ndash;31, columns
 * 19&ndash;31 (flush with the bottom-right corner). The rook, as the card gives it (the original
 * PNG is not shipped):
 *
 * <pre>
 * rows  0-2   cols 0-2, 5-7, 10-12 = 1.0   (crenellations)
 * row   3     cols 0-12            = 0.6
 * rows  4-11  cols 2-10            = 1.0   (body)
 * rows 12-13  cols 1-11            = 0.7
 * rows 14-15  cols 0-12            = 1.0   (base)
 * </pre>
 *
 * <p>Pixels are stored as {@code round(255 * v)}: 1.0 is 255, 0.6 is exactly 153, and 0.7 becomes
 * 179 (178.5 rounded half up), which the float batches read back as 179/255 &asymp; 0.702 rather
 * than 0.7. The difference is irrelevant to the test, whose point is that both classes contain the
 * same patch.
 *
 * <p>The card's experiment is a capacity test: train = test = these two images, so {@link
 * #images()} is used for both; there is nothing random to seed.
 */
public final class PatchLocation {
  /** Image side, in pixels. */
  public static final int SIZE = 32;

  /** Rows of the rook patch. */
  public static final int PATCH_ROWS = 16;

  /** Columns of the rook patch. */
  public static final int PATCH_COLS = 13;

  /** Stored value of intensity 1.0. */
  public static final int FULL = 255;

  /** Stored value of intensity 0.6 (exact: 153/255 = 0.6). */
  public static final int LEVEL_06 = 153;

  /** Stored value of intensity 0.7 ({@code round(178.5)} = 179, i.e. 0.702). */
  public static final int LEVEL_07 = 179;

  /** Top row of class 0's patch (its left column is 0). */
  public static final int CLASS0_TOP = 0;

  /** Left column of class 0's patch. */
  public static final int CLASS0_LEFT = 0;

  /** Top row of class 1's patch: flush with the bottom edge. */
  public static final int CLASS1_TOP = SIZE - PATCH_ROWS;

  /** Left column of class 1's patch: flush with the right edge. */
  public static final int CLASS1_LEFT = SIZE - PATCH_COLS;

  private PatchLocation() {}

  /**
   * Returns the stored 8-bit value of the rook patch at a patch coordinate.
   *
   * @param row row inside the patch, 0 to 15
   * @param col column inside the patch, 0 to 12
   * @return 0 to 255
   */
  public static int rookValue(int row, int col) {
    if (row < 0 || row >= PATCH_ROWS || col < 0 || col >= PATCH_COLS) {
      throw new IllegalArgumentException(
          "patch coordinate (" + row + ", " + col + ") outside 16x13");
    }
    if (row <= 2) {
      return col <= 2 || (col >= 5 && col <= 7) || col >= 10 ? FULL : 0;
    }
    if (row == 3) {
      return LEVEL_06;
    }
    if (row <= 11) {
      return col >= 2 && col <= 10 ? FULL : 0;
    }
    if (row <= 13) {
      return col >= 1 && col <= 11 ? LEVEL_07 : 0;
    }
    return FULL;
  }

  /**
   * Returns the two images: index 0 is class 0 (patch top-left), index 1 is class 1 (patch
   * bottom-right). Used as both training and test set.
   *
   * @return a set of 2 images, 1&times;32&times;32, 2 classes
   */
  public static ImageSet images() {
    int b = SIZE * SIZE;
    byte[] px = new byte[2 * b];
    int[][] origins = {{CLASS0_TOP, CLASS0_LEFT}, {CLASS1_TOP, CLASS1_LEFT}};
    for (int i = 0; i < 2; i++) {
      for (int r = 0; r < PATCH_ROWS; r++) {
        for (int c = 0; c < PATCH_COLS; c++) {
          int y = origins[i][0] + r;
          int x = origins[i][1] + c;
          px[i * b + y * SIZE + x] = (byte) rookValue(r, c);
        }
      }
    }
    return new ImageSet("patch-location", px, new int[] {0, 1}, 2, 1, SIZE, SIZE);
  }
}
