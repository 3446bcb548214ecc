package io.shiftlab.shift;

import java.util.SplittableRandom;

/**
 * The article's offsets (Soni 2019, {@code shiftImageDataset}): a magnitude {@code |d| = u * max}
 * with {@code u ~ U(0, 1)}, negated when a second uniform exceeds 0.5.
 *
 * <p>Draw order as in the article: magnitude of {@code dx}, magnitude of {@code dy}, then the sign
 * of {@code dx}, then the sign of {@code dy} (four uniforms per offset). The result is uniform on
 * {@code (-max, max)} per axis, like {@link UniformBoxSampler}, but consumes the stream
 * differently.
 *
 * @param maxDx the largest {@code |dx|}, finite and non-negative
 * @param maxDy the largest {@code |dy|}, finite and non-negative
 */
public record SignedMagnitudeSampler(double maxDx, double maxDy) implements OffsetSampler {
  /** Rejects negative or non-finite bounds. */
  public SignedMagnitudeSampler {
    UniformBoxSampler.checkBounds(maxDx, maxDy);
  }

  @Override
  public Offset sample(SplittableRandom rng) {
    double dx = rng.nextDouble() * maxDx;
    double dy = rng.nextDouble() * maxDy;
    if (rng.nextDouble() > 0.5) {
      dx = -dx;
    }
    if (rng.nextDouble() > 0.5) {
      dy = -dy;
    }
    return new Offset(dx, dy);
  }
}
