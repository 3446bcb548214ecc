package io.shiftlab.shift;

import java.util.SplittableRandom;

/**
 * Real offsets, uniform over a box: {@code dx ~ U(-maxDx, maxDx)}, {@code dy ~ U(-maxDy, maxDy)},
 * drawn {@code dx} first as {@code max * (2u - 1)} with {@code u} uniform in {@code [0, 1)}.
 *
 * @param maxDx the largest {@code |dx|}, finite and non-negative
 * @param maxDy the largest {@code |dy|}, finite and non-negative
 */
public record UniformBoxSampler(double maxDx, double maxDy) implements OffsetSampler {
  /** Rejects negative or non-finite bounds. */
  public UniformBoxSampler {
    checkBounds(maxDx, maxDy);
  }

  @Override
  public Offset sample(SplittableRandom rng) {
    double dx = maxDx * (2 * rng.nextDouble() - 1);
    double dy = maxDy * (2 * rng.nextDouble() - 1);
    return new Offset(dx, dy);
  }

  static void checkBounds(double maxDx, double maxDy) {
    if (!(maxDx >= 0 && maxDy >= 0) || !Double.isFinite(maxDx) || !Double.isFinite(maxDy)) {
      throw new IllegalArgumentException(
          "bounds must be finite and non-negative, got " + maxDx + " and " + maxDy);
    }
  }
}
