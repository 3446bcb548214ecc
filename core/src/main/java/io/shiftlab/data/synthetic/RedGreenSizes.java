package io.shiftlab.data.synthetic;

/**
 * Split sizes of the red-green data (PROTOCOLS card 5, "red-green"): 2000/1000/1000 in the paper,
 * 1000/500/500 at small scale. The test size applies to each of the two test variants, which share
 * their images.
 *
 * @param train training images
 * @param val validation images
 * @param test test images per variant
 */
public record RedGreenSizes(int train, int val, int test) {
  /** The paper's sizes: 2000 / 1000 / 1000. */
  public static final RedGreenSizes DEFAULT = new RedGreenSizes(2000, 1000, 1000);

  /** The card's small-scale sizes: 1000 / 500 / 500. */
  public static final RedGreenSizes SMALL = new RedGreenSizes(1000, 500, 500);

  /** Rejects negative sizes. */
  public RedGreenSizes {
    if (train < 0 || val < 0 || test < 0) {
      throw new IllegalArgumentException(
          "red-green split sizes must be >= 0, got " + train + "/" + val + "/" + test);
    }
  }
}
