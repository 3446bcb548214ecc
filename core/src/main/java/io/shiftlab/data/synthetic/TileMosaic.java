package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import java.util.SplittableRandom;

/**
 * Random crops of an endless mosaic of tiles: the natural-image inputs of the small-scale position
 * read-out (PROTOCOLS card 6), chosen so that content has no centre bias (a centred object would
 * leak the Gaussian target through content, one of the card's pitfalls).
 *
 * <p>Each crop is an {@code H x W} window at a uniform offset {@code (ox, oy)} in {@code U{0..W-1}
 * x U{0..H-1}} of a 2x2 block of tiles drawn uniformly with replacement from {@code tiles}; this is
 * exactly a uniform random crop of an infinite mosaic of independently drawn tiles. Every pixel
 * position of the crop is equally likely to show any part of a tile. Crops carry label 0 of a
 * single class: the read-out has no labels.
 */
public final class TileMosaic {
  private TileMosaic() {}

  /**
   * Draws crops.
   *
   * @param name the set's name
   * @param tiles the tiles (all of one shape)
   * @param n the number of crops
   * @param rng the stream the tiles and offsets come from
   * @return {@code n} crops with the tiles' shape
   */
  public static ImageSet crops(String name, ImageSet tiles, int n, SplittableRandom rng) {
    if (tiles.size() == 0) {
      throw new IllegalArgumentException("no tiles to build a mosaic from");
    }
    int c = tiles.channels();
    int h = tiles.height();
    int w = tiles.width();
    byte[] px = new byte[n * c * h * w];
    for (int i = 0; i < n; i++) {
      int[] quad = new int[4];
      for (int q = 0; q < 4; q++) {
        quad[q] = rng.nextInt(tiles.size());
      }
      int ox = rng.nextInt(w);
      int oy = rng.nextInt(h);
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          int my = y + oy;
          for (int x = 0; x < w; x++) {
            int mx = x + ox;
            int tile = quad[(my >= h ? 2 : 0) + (mx >= w ? 1 : 0)];
            byte v = tiles.pixels()[((tile * c + ch) * h + my % h) * w + mx % w];
            px[((i * c + ch) * h + y) * w + x] = v;
          }
        }
      }
    }
    return new ImageSet(name, px, new int[n], 1, c, h, w);
  }
}
