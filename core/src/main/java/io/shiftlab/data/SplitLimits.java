package io.shiftlab.data;

/**
 * Caps on the size of the training and test splits, for small-budget runs.
 *
 * <p>A capped training split is a subset drawn with the {@code train} stream (so it is a fair
 * sample of every class); a capped test split is the first {@code maxTest} images in file order, so
 * that every run of a given size evaluates the same images. The digits test split is sorted by
 * class (100 images per cell row band), so on digits a test cap below 1000 is class-skewed; cap
 * digits runs by training size only.
 *
 * @param maxTrain the largest training split, at least 1
 * @param maxTest the largest test split, at least 1
 */
public record SplitLimits(int maxTrain, int maxTest) {
  /** No caps. */
  public static final SplitLimits NONE = new SplitLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  /** Checks that both caps are positive. */
  public SplitLimits {
    if (maxTrain < 1) {
      throw new IllegalArgumentException("maxTrain must be at least 1, got " + maxTrain);
    }
    if (maxTest < 1) {
      throw new IllegalArgumentException("maxTest must be at least 1, got " + maxTest);
    }
  }

  /**
   * These limits with another training cap.
   *
   * @param n the largest training split
   * @return the new limits
   */
  public SplitLimits withMaxTrain(int n) {
    return new SplitLimits(n, maxTest);
  }

  /**
   * These limits with another test cap.
   *
   * @param n the largest test split
   * @return the new limits
   */
  public SplitLimits withMaxTest(int n) {
    return new SplitLimits(maxTrain, n);
  }
}
