package io.shiftlab.shift;

import java.util.SplittableRandom;

/**
 * A distribution of shift offsets, sampled from an explicit generator (never a global one), so that
 * the same stream gives the same offsets.
 */
public interface OffsetSampler {
  /**
   * Draws one offset.
   *
   * @param rng the generator, e.g. {@code streams.stream("test.shift")}
   * @return the offset
   */
  Offset sample(SplittableRandom rng);

  /**
   * Draws {@code n} offsets in order; see {@link Offsets#draw(OffsetSampler, SplittableRandom,
   * int)}.
   *
   * @param rng the generator
   * @param n how many
   * @return the offsets as float arrays for {@link BatchShifter}
   */
  default Offsets sample(SplittableRandom rng, int n) {
    return Offsets.draw(this, rng, n);
  }
}
