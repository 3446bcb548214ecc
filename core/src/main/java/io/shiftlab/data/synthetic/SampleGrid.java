package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import io.shiftlab.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders the first images of a set as a PNG contact sheet, for previewing generated data such as
 * the patch-location (PROTOCOLS card 4) and red-green (card 5) sets.
 *
 * <p>Images are laid out row-major in at most {@value #MAX_COLUMNS} columns, separated by {@value
 * #GAP} pixels of mid-grey (128). One channel renders grey, three channels RGB (channel 0 red).
 * Images smaller than {@value #SMALL} pixels on their longer side are enlarged {@value #ZOOM} times
 * with nearest neighbour so that single pixels stay visible and sharp.
 */
public final class SampleGrid {
  /** Maximum number of columns of the grid. */
  public static final int MAX_COLUMNS = 8;

  /** Pixels between cells (after scaling). */
  public static final int GAP = 2;

  /** Images whose longer side is below this are enlarged. */
  public static final int SMALL = 64;

  /** Enlargement factor of small images. */
  public static final int ZOOM = 4;

  private static final int GAP_RGB = 0x808080;

  private SampleGrid() {}

  /**
   * Returns the scale used for images of this size: {@value #ZOOM} below {@value #SMALL} pixels,
   * else 1.
   *
   * @param set the set
   * @return the enlargement factor
   */
  public static int scaleOf(ImageSet set) {
    return Math.max(set.height(), set.width()) < SMALL ? ZOOM : 1;
  }

  /**
   * Renders the first {@code n} images (all when the set is smaller).
   *
   * @param set a set with 1 or 3 channels
   * @param n how many images, at least 1
   * @return the grid
   */
  public static BufferedImage render(ImageSet set, int n) {
    if (set.channels() != 1 && set.channels() != 3) {
      throw new IllegalArgumentException(
          "sample grid: need 1 or 3 channels, " + set.name() + " has " + set.channels());
    }
    if (n < 1) {
      throw new IllegalArgumentException("sample grid: n must be >= 1, got " + n);
    }
    int count = Math.min(n, set.size());
    if (count == 0) {
      throw new IllegalArgumentException("sample grid: " + set.name() + " is empty");
    }
    int s = scaleOf(set);
    int cw = set.width() * s;
    int ch = set.height() * s;
    int cols = Math.min(count, MAX_COLUMNS);
    int rows = (count + cols - 1) / cols;
    BufferedImage out =
        new BufferedImage(
            cols * cw + (cols - 1) * GAP, rows * ch + (rows - 1) * GAP, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, GAP_RGB);
      }
    }
    int plane = set.height() * set.width();
    byte[] px = set.pixels();
    for (int i = 0; i < count; i++) {
      int ox = (i % cols) * (cw + GAP);
      int oy = (i / cols) * (ch + GAP);
      int base = i * set.imageBytes();
      for (int r = 0; r < set.height(); r++) {
        for (int c = 0; c < set.width(); c++) {
          int o = base + r * set.width() + c;
          int rgb;
          if (set.channels() == 1) {
            int v = px[o] & 0xff;
            rgb = (v << 16) | (v << 8) | v;
          } else {
            rgb =
                ((px[o] & 0xff) << 16) | ((px[o + plane] & 0xff) << 8) | (px[o + 2 * plane] & 0xff);
          }
          for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
              out.setRGB(ox + c * s + dx, oy + r * s + dy, rgb);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Renders the first {@code n} images and writes them atomically as a PNG, marked as shiftlab's
   * ({@link io.shiftlab.io.OutputFile#markPng}) so that a later run may replace it.
   *
   * @param set a set with 1 or 3 channels
   * @param n how many images, at least 1
   * @param target the PNG file to create or replace
   */
  public static void write(ImageSet set, int n, Path target) {
    BufferedImage img = render(set, n);
    AtomicFiles.write(
        target,
        out -> {
          java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
          if (!ImageIO.write(img, "png", png)) {
            throw new IOException("no PNG writer available");
          }
          out.write(io.shiftlab.io.OutputFile.markPng(png.toByteArray()));
        });
  }
}
