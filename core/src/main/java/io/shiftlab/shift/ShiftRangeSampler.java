package io.shiftlab.shift;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Keras-style shift ranges ({@code ImageDataGenerator(width_shift_range=f, height_shift_range=g)}
 * with fractions below 1): {@code dx ~ U(-f W, f W)}, {@code dy ~ U(-g H, g H)}, e.g. {@code
 * U(-2.8, 2.8)} for {@code f = 0.1} and 28 pixels. Keras fills with {@code 'nearest'} by default,
 * which is {@link ShiftMode#REPLICATE}.
 *
 * <p>Draws like a {@link UniformBoxSampler} with bounds {@code f W} and {@code g H}; the bounds are
 * rounded from the exact decimal products, so 0.1 of 28 is 2.8 and not 2.8000000000000003.
 *
 * @param widthFraction {@code f}, in {@code [0, 1)}
 * @param heightFraction {@code g}, in {@code [0, 1)}
 * @param width the image width {@code W}, positive
 * @param height the image height {@code H}, positive
 */
public record ShiftRangeSampler(double widthFraction, double heightFraction, int width, int height)
    implements OffsetSampler {

  /** Keras's fraction in the article's augmentation arm. */
  public static final double ARTICLE_FRACTION = 0.1;

  /** Rejects fractions outside {@code [0, 1)} and non-positive sizes. */
  public ShiftRangeSampler {
    if (!(widthFraction >= 0 && widthFraction < 1 && heightFraction >= 0 && heightFraction < 1)) {
      throw new IllegalArgumentException(
          "shift fractions must be in [0, 1), got " + widthFraction + " and " + heightFraction);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
  }

  /**
   * The same fraction on both axes.
   *
   * @param fraction the fraction of the width and of the height
   * @param width the image width
   * @param height the image height
   * @return the sampler
   */
  public static ShiftRangeSampler of(double fraction, int width, int height) {
    return new ShiftRangeSampler(fraction, fraction, width, height);
  }

  /** The largest {@code |dx|}, {@code f W}. */
  public double maxDx() {
    return scale(widthFraction, width);
  }

  /** The largest {@code |dy|}, {@code g H}. */
  public double maxDy() {
    return scale(heightFraction, height);
  }

  /** The equivalent uniform box. */
  public UniformBoxSampler box() {
    return new UniformBoxSampler(maxDx(), maxDy());
  }

  @Override
  public Offset sample(SplittableRandom rng) {
    return box().sample(rng);
  }

  static double scale(double fraction, int size) {
    return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(size)).doubleValue();
  }
}
