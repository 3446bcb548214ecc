package io.shiftlab.shift;

import io.shiftlab.Choices;
import java.util.Map;
import java.util.Optional;

/**
 * How the offsets of a {@link ShiftSpec} with bounds {@code a} (columns) and {@code b} (rows) are
 * drawn.
 */
public enum ShiftDistribution implements Choices.Id {
  /**
   * The article's signed magnitudes, real: {@code |d| ~ U(0, max)} times a random sign ({@link
   * SignedMagnitudeSampler}).
   */
  ARTICLE,
  /** Uniform real box {@code U(-a, a) x U(-b, b)} ({@link UniformBoxSampler}). */
  REAL,
  /** Uniform integer box {@code U{-a..a} x U{-b..b}} ({@link IntegerBoxSampler}); whole bounds. */
  INT;

  /**
   * The sampler of this distribution with the given bounds.
   *
   * @param maxDx the largest {@code |dx|}
   * @param maxDy the largest {@code |dy|}; for {@link #INT} both must be whole numbers
   * @return the sampler
   */
  public OffsetSampler sampler(double maxDx, double maxDy) {
    switch (this) {
      case ARTICLE:
        return new SignedMagnitudeSampler(maxDx, maxDy);
      case REAL:
        return new UniformBoxSampler(maxDx, maxDy);
      case INT:
        return new IntegerBoxSampler(whole(maxDx), whole(maxDy));
      default:
        throw new AssertionError(this);
    }
  }

  private static int whole(double v) {
    if (v != Math.rint(v) || v > Integer.MAX_VALUE - 1 || v < 0) {
      throw new IllegalArgumentException("int needs whole-pixel bounds, got " + v);
    }
    return (int) v;
  }

  /**
   * Looks a distribution up by its name, ignoring case.
   *
   * @param name the name
   * @return the distribution, or empty when the name is unknown
   */
  public static Optional<ShiftDistribution> byName(String name) {
    return Choices.byName(ShiftDistribution.class, name, Map.of());
  }

  @Override
  public String toString() {
    return id();
  }
}
