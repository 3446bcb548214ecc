package io.shiftlab.shift;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The offsets of a batch, one per image, as the float arrays {@link BatchShifter} takes.
 *
 * <p>The arrays are not copied; equality compares their contents.
 *
 * @param dx column offsets, positive to the right
 * @param dy row offsets, positive downwards, same length as {@code dx}
 */
public record Offsets(float[] dx, float[] dy) {
  /** Checks that there is one {@code dy} per {@code dx} and that all are finite. */
  public Offsets {
    Objects.requireNonNull(dx, "dx");
    Objects.requireNonNull(dy, "dy");
    if (dx.length != dy.length) {
      throw new IllegalArgumentException(
          "dx and dy differ in length: " + dx.length + " and " + dy.length);
    }
    for (int i = 0; i < dx.length; i++) {
      if (!Float.isFinite(dx[i]) || !Float.isFinite(dy[i])) {
        throw new IllegalArgumentException(
            "offset " + i + " is not finite: (" + dx[i] + ", " + dy[i] + ")");
      }
    }
  }

  /**
   * Draws {@code n} offsets, image after image, from {@code rng}; the same generator state gives
   * the same offsets.
   *
   * @param sampler the distribution
   * @param rng the generator, e.g. {@code streams.stream(Streams.test("shift"))}
   * @param n how many, at least 0
   * @return the offsets
   */
  public static Offsets draw(OffsetSampler sampler, SplittableRandom rng, int n) {
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(rng, "rng");
    if (n < 0) {
      throw new IllegalArgumentException("n must be non-negative, got " + n);
    }
    float[] dx = new float[n];
    float[] dy = new float[n];
    for (int i = 0; i < n; i++) {
      Offset o = sampler.sample(rng);
      dx[i] = (float) o.dx();
      dy[i] = (float) o.dy();
    }
    return new Offsets(dx, dy);
  }

  /** The number of offsets. */
  public int size() {
    return dx.length;
  }

  /** The {@code i}-th offset. */
  public Offset get(int i) {
    return new Offset(dx[i], dy[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Offsets other && Arrays.equals(dx, other.dx) && Arrays.equals(dy, other.dy);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dx) + Arrays.hashCode(dy);
  }

  @Override
  public String toString() {
    return "Offsets[dx=" + Arrays.toString(dx) + ", dy=" + Arrays.toString(dy) + "]";
  }
}
