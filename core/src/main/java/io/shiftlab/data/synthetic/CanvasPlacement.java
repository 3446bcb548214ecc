package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;

/**
 * Places every image of an {@link ImageSet} on a zero canvas at a chosen top-left corner.
 *
 * <p>The generic step behind the position experiments of {@code /work/shared/PROTOCOLS.md}: card 3
 * (corner-only, see {@link CornerOnly}) and the location-grid and border-distance cards. An image
 * of {@code C x h x w} becomes {@code C x height x width}; source pixel {@code (y, x)} lands at
 * canvas pixel {@code (row + y, col + x)}, every other canvas pixel is 0, and labels are kept.
 *
 * @param height canvas rows
 * @param width canvas columns
 */
public record CanvasPlacement(int height, int width) {

  /** Validates the canvas size. */
  public CanvasPlacement {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "canvas size must be positive, got " + height + "x" + width);
    }
  }

  /**
   * Places all images at the same top-left position.
   *
   * @param name the name of the result
   * @param src the images to place
   * @param row canvas row of the images' top-left pixel
   * @param col canvas column of the images' top-left pixel
   * @return the placed images, {@code src.channels() x height x width}
   * @throws IllegalArgumentException if an image would not fit on the canvas
   */
  public ImageSet place(String name, ImageSet src, int row, int col) {
    int[] rows = new int[src.size()];
    int[] cols = new int[src.size()];
    java.util.Arrays.fill(rows, row);
    java.util.Arrays.fill(cols, col);
    return place(name, src, rows, cols);
  }

  /**
   * Places image {@code i} at top-left {@code (rows[i], cols[i])}.
   *
   * @param name the name of the result
   * @param src the images to place
   * @param rows canvas row of each image's top-left pixel
   * @param cols canvas column of each image's top-left pixel
   * @return the placed images, {@code src.channels() x height x width}
   * @throws IllegalArgumentException if the arrays do not match the set or an image would not fit
   */
  public ImageSet place(String name, ImageSet src, int[] rows, int[] cols) {
    return place(name, src, rows, cols, 0);
  }

  /**
   * Places image {@code i} at top-left {@code (rows[i], cols[i])} on a canvas filled with {@code
   * background}; the whole source frame (its own background included) replaces the canvas there.
   *
   * @param name the name of the result
   * @param src the images to place
   * @param rows canvas row of each image's top-left pixel
   * @param cols canvas column of each image's top-left pixel
   * @param background the canvas value outside the placed frames, 0 to 255
   * @return the placed images, {@code src.channels() x height x width}
   * @throws IllegalArgumentException if the arrays do not match the set, an image would not fit or
   *     the background is not a byte value
   */
  public ImageSet place(String name, ImageSet src, int[] rows, int[] cols, int background) {
    if (background < 0 || background > 255) {
      throw new IllegalArgumentException("background must be 0..255, got " + background);
    }
    int n = src.size();
    if (rows.length != n || cols.length != n) {
      throw new IllegalArgumentException(
          "need one position per image: "
              + n
              + " images, "
              + rows.length
              + " rows, "
              + cols.length
              + " cols");
    }
    int c = src.channels();
    int h = src.height();
    int w = src.width();
    for (int i = 0; i < n; i++) {
      if (rows[i] < 0 || cols[i] < 0 || rows[i] + h > height || cols[i] + w > width) {
        throw new IllegalArgumentException(
            "image "
                + i
                + " of "
                + h
                + "x"
                + w
                + " at ("
                + rows[i]
                + ", "
                + cols[i]
                + ") does not fit a "
                + height
                + "x"
                + width
                + " canvas");
      }
    }
    int srcBytes = src.imageBytes();
    int dstBytes = c * height * width;
    byte[] px = new byte[n * dstBytes];
    if (background != 0) {
      java.util.Arrays.fill(px, (byte) background);
    }
    byte[] sp = src.pixels();
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          System.arraycopy(
              sp,
              i * srcBytes + (ch * h + y) * w,
              px,
              i * dstBytes + (ch * height + rows[i] + y) * width + cols[i],
              w);
        }
      }
    }
    return new ImageSet(name, px, src.labels().clone(), src.numClasses(), c, height, width);
  }
}
