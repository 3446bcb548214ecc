package io.shiftlab.shift;

import java.util.SplittableRandom;

/**
 * Whole-pixel offsets, uniform over a box: {@code dx ~ U{-maxDx..maxDx}}, {@code dy ~
 * U{-maxDy..maxDy}} (inclusive), drawn {@code dx} first.
 *
 * @param maxDx the largest {@code |dx|}, non-negative
 * @param maxDy the largest {@code |dy|}, non-negative
 */
public record IntegerBoxSampler(int maxDx, int maxDy) implements OffsetSampler {
  /** Rejects negative bounds. */
  public IntegerBoxSampler {
    if (maxDx < 0 || maxDy < 0) {
      throw new IllegalArgumentException(
          "bounds must be non-negative, got " + maxDx + " and " + maxDy);
    }
  }

  @Override
  public Offset sample(SplittableRandom rng) {
    int dx = rng.nextInt(-maxDx, maxDx + 1);
    int dy = rng.nextInt(-maxDy, maxDy + 1);
    return new Offset(dx, dy);
  }
}
