package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import io.shiftlab.random.Streams;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generator of the red-green data (PROTOCOLS card 5, "red-green"; Kayhan &amp; van Gemert Exp. 2,
 * {@code red_and_green.py}).
 *
 * <p>Each image is 3&times;32&times;32 zeros with two 4&times;4 boxes of 1.0 (stored 255): red in
 * channel 0, green in channel 1. A box at {@code (x, y)} covers columns {@code x..x+3} and rows
 * {@code y..y+3}. Image {@code i} of a split is drawn in this order, with {@code U{a..b}} uniform
 * on integers:
 *
 * <ul>
 *   <li>even {@code i}, class 0 (red left of green): {@code x1 = U{0..9}}, {@code y1 = 7 +
 *       U{-4..3}}, then {@code x2 = U{x1..27}} redrawn until {@code x2 - x1 >= 5}, then {@code y2 =
 *       7 + U{-4..3}}; red at {@code (x1, y1)}, green at {@code (x2, y2)}; boxes lie in rows
 *       3&ndash;13;
 *   <li>odd {@code i}, class 1 (green left of red): the same draws with centre row 23, green at
 *       {@code (x1, y1)}, red at {@code (x2, y2)}; boxes lie in rows 19&ndash;29.
 * </ul>
 *
 * <p>Since {@code x2 - x1 >= 5} the boxes never overlap. Classes alternate, so a split of even size
 * is exactly balanced.
 *
 * <p><b>Streams and disjointness.</b> The original code reseeds NumPy with 1988 inside every call,
 * so its validation set equals the first half of its training set and its Similar test set (card 5,
 * "seed bug"). Here train, val and test draw from their own streams {@code train}, {@code val} and
 * {@code test.similar} of {@link Streams}. Independent streams alone would still share images by
 * chance, since a class has only 11,840 box layouts (at seed 7, 78 distinct images of a plain
 * 1000-image val draw occur in the 2000-image train split), so val rejects and redraws any image
 * already in train, and test any image already in train or val; duplicates inside one split are
 * kept, as in the original (whose train holds 1911 distinct images of 2000). Consequently val
 * depends on the train draw and test on both; all are still fixed by the seed and the sizes.
 *
 * <p><b>Dissimilar.</b> The Dissimilar test set is the Similar test set rolled circularly by
 * {@value #ROLL_ROWS} rows, image for image, not a fresh draw from a {@code test.dissimilar}
 * stream: the card defines Dissimilar as Similar with the boxes moved, and its exact check
 * ("circular: Similar and Dissimilar accuracy equal exactly") holds only when both sets hold the
 * same images up to the roll. Rolled images cannot occur in train, since they keep the colour order
 * of their class in the other class's rows.
 */
public final class RedGreen {
  /** Image side, in pixels. */
  public static final int SIZE = 32;

  /** Box side, in pixels. */
  public static final int BOX = 4;

  /** Channels: red, green, blue (blue stays 0). */
  public static final int CHANNELS = 3;

  /** Channel of the red box. */
  public static final int RED = 0;

  /** Channel of the green box. */
  public static final int GREEN = 1;

  /** Minimum column distance between the two boxes' left edges. */
  public static final int MIN_GAP = 5;

  /** Rows of the circular roll that turns Similar into Dissimilar. */
  public static final int ROLL_ROWS = 16;

  /** Centre row of class 0 boxes. */
  public static final int CLASS0_ROW = 7;

  /** Centre row of class 1 boxes. */
  public static final int CLASS1_ROW = 23;

  /** Name of the stream of the Similar test split. */
  public static final String TEST_STREAM = Streams.test("similar");

  private static final int MAX_REDRAWS = 10_000;

  private RedGreen() {}

  /**
   * Generates all splits from one master seed.
   *
   * @param seed the master seed
   * @param sizes the split sizes
   * @return train, val and both test variants
   */
  public static RedGreenSplits generate(long seed, RedGreenSizes sizes) {
    return generate(new Streams(seed), sizes);
  }

  /**
   * Generates all splits from the named streams {@code train}, {@code val} and {@code
   * test.similar}.
   *
   * @param streams the run's streams
   * @param sizes the split sizes
   * @return train, val and both test variants
   */
  public static RedGreenSplits generate(Streams streams, RedGreenSizes sizes) {
    Set<ByteBuffer> seen = new HashSet<>();
    ImageSet train = draw("red-green/train", streams.stream(Streams.TRAIN), sizes.train(), seen);
    addAll(train, seen);
    ImageSet val = draw("red-green/val", streams.stream(Streams.VAL), sizes.val(), seen);
    addAll(val, seen);
    ImageSet similar =
        draw("red-green/test-similar", streams.stream(TEST_STREAM), sizes.test(), seen);
    ImageSet dissimilar = roll(similar, "red-green/test-dissimilar");
    return new RedGreenSplits(train, val, similar, dissimilar);
  }

  /**
   * Draws {@code n} Similar images, image {@code i} of class {@code i % 2}, redrawing any image
   * whose content is in {@code exclude}.
   *
   * @param name the set name
   * @param rng the stream to draw from
   * @param n the number of images
   * @param exclude image contents that must not occur (not modified)
   * @return the set, 3&times;32&times;32, 2 classes
   */
  public static ImageSet draw(String name, SplittableRandom rng, int n, Set<ByteBuffer> exclude) {
    int b = CHANNELS * SIZE * SIZE;
    byte[] px = new byte[n * b];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      labels[i] = label;
      byte[] img = drawImage(rng, label);
      int tries = 0;
      while (exclude.contains(ByteBuffer.wrap(img))) {
        if (++tries > MAX_REDRAWS) {
          throw new IllegalStateException("red-green: cannot draw a new image for " + name);
        }
        img = drawImage(rng, label);
      }
      System.arraycopy(img, 0, px, i * b, b);
    }
    return new ImageSet(name, px, labels, 2, CHANNELS, SIZE, SIZE);
  }

  /**
   * Draws one image of a class.
   *
   * @param rng the stream to draw from
   * @param label 0 (red left of green, rows 3&ndash;13) or 1 (green left of red, rows 19&ndash;29)
   * @return 3&times;32&times;32 bytes
   */
  public static byte[] drawImage(SplittableRandom rng, int label) {
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException("red-green label must be 0 or 1, got " + label);
    }
    int centre = label == 0 ? CLASS0_ROW : CLASS1_ROW;
    int x1 = rng.nextInt(0, 10);
    int y1 = centre + rng.nextInt(-4, 4);
    int x2 = rng.nextInt(x1, 28);
    while (x2 - x1 < MIN_GAP) {
      x2 = rng.nextInt(x1, 28);
    }
    int y2 = centre + rng.nextInt(-4, 4);
    byte[] img = new byte[CHANNELS * SIZE * SIZE];
    box(img, label == 0 ? RED : GREEN, x1, y1);
    box(img, label == 0 ? GREEN : RED, x2, y2);
    return img;
  }

  /**
   * Rolls every image circularly by {@value #ROLL_ROWS} rows (row {@code r} moves to {@code (r +
   * 16) mod 32}), keeping the labels: Similar to Dissimilar.
   *
   * @param set a red-green set
   * @param name the name of the rolled set
   * @return the rolled set
   */
  public static ImageSet roll(ImageSet set, String name) {
    int h = set.height();
    int w = set.width();
    int planes = set.size() * set.channels();
    byte[] src = set.pixels();
    byte[] px = new byte[src.length];
    for (int p = 0; p < planes; p++) {
      int base = p * h * w;
      for (int r = 0; r < h; r++) {
        System.arraycopy(src, base + r * w, px, base + ((r + ROLL_ROWS) % h) * w, w);
      }
    }
    return new ImageSet(name, px, set.labels().clone(), set.numClasses(), set.channels(), h, w);
  }

  private static void box(byte[] img, int channel, int x, int y) {
    for (int r = y; r < y + BOX; r++) {
      for (int c = x; c < x + BOX; c++) {
        img[(channel * SIZE + r) * SIZE + c] = (byte) 255;
      }
    }
  }

  private static void addAll(ImageSet set, Set<ByteBuffer> seen) {
    for (int i = 0; i < set.size(); i++) {
      seen.add(ByteBuffer.wrap(set.image(i)));
    }
  }
}
