package io.shiftlab.probe;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The flip-difference channel rankings of PROTOCOLS card 8 (Islam et al. ICCV 2021, seed 002), as
 * pure functions over plain arrays: with {@code z[i]} the global average of the final backbone map
 * for image {@code i} and {@code zf[i]} the same for its horizontal mirror, {@code dz = z - zf};
 *
 * <ul>
 *   <li>overall score of channel {@code j}: {@code (1/|D|) sum_i |dz[i][j]|}, ranked descending;
 *   <li>region score: {@code (1/|D|) sum_i dz[i][j]} (signed), ranked descending for "left" and
 *       ascending for "right" (the card marks this reading as unverified).
 * </ul>
 *
 * <p>Ties keep the lower channel first. The attack zeroes the first {@code N} channels of a ranking
 * through a mask ({@link #zeroMask}); the control draws {@code N} channels uniformly without
 * replacement ({@link #randomChannels}).
 */
public final class ChannelRanking {
  /** Which ranking. */
  public enum Kind {
    /** Descending mean absolute flip difference. */
    OVERALL,
    /** Descending signed mean flip difference. */
    LEFT,
    /** Ascending signed mean flip difference. */
    RIGHT;

    /** The lower-case name. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private ChannelRanking() {}

  /**
   * Mean absolute flip difference per channel.
   *
   * @param z pooled maps of the images, {@code n x C}
   * @param zf pooled maps of their mirrors, {@code n x C}
   * @return {@code C} scores
   */
  public static double[] meanAbsDifference(float[][] z, float[][] zf) {
    return mean(z, zf, true);
  }

  /**
   * Signed mean flip difference per channel.
   *
   * @param z pooled maps of the images, {@code n x C}
   * @param zf pooled maps of their mirrors, {@code n x C}
   * @return {@code C} scores
   */
  public static double[] meanDifference(float[][] z, float[][] zf) {
    return mean(z, zf, false);
  }

  private static double[] mean(float[][] z, float[][] zf, boolean abs) {
    if (z.length == 0 || z.length != zf.length) {
      throw new IllegalArgumentException(
          "need the same, positive number of images and mirrors: " + z.length + ", " + zf.length);
    }
    int c = z[0].length;
    double[] s = new double[c];
    for (int i = 0; i < z.length; i++) {
      if (z[i].length != c || zf[i].length != c) {
        throw new IllegalArgumentException("image " + i + " has another number of channels");
      }
      for (int j = 0; j < c; j++) {
        double d = (double) z[i][j] - zf[i][j];
        s[j] += abs ? Math.abs(d) : d;
      }
    }
    for (int j = 0; j < c; j++) {
      s[j] /= z.length;
    }
    return s;
  }

  /**
   * The channels ordered by descending score, ties by lower index.
   *
   * @param scores one per channel
   * @return channel indices
   */
  public static int[] descending(double[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -scores[j]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * The channels ordered by ascending score, ties by lower index.
   *
   * @param scores one per channel
   * @return channel indices
   */
  public static int[] ascending(double[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> scores[j]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * A ranking of one kind.
   *
   * @param kind overall, left or right
   * @param z pooled maps of the images
   * @param zf pooled maps of their mirrors
   * @return channel indices, most position-specific first
   */
  public static int[] rank(Kind kind, float[][] z, float[][] zf) {
    return switch (kind) {
      case OVERALL -> descending(meanAbsDifference(z, zf));
      case LEFT -> descending(meanDifference(z, zf));
      case RIGHT -> ascending(meanDifference(z, zf));
    };
  }

  /**
   * A mask that keeps every channel but the given ones.
   *
   * @param channels C
   * @param removed channels to zero
   * @return {@code C} factors, 0 at {@code removed} and 1 elsewhere
   */
  public static float[] zeroMask(int channels, int[] removed) {
    float[] m = new float[channels];
    Arrays.fill(m, 1f);
    for (int j : removed) {
      if (j < 0 || j >= channels) {
        throw new IllegalArgumentException("channel " + j + " outside 0.." + (channels - 1));
      }
      m[j] = 0f;
    }
    return m;
  }

  /**
   * The first {@code n} entries of a ranking (a copy: the ranking is not changed).
   *
   * @param ranking channel indices
   * @param n how many, at most the ranking's length
   * @return the top {@code n}
   */
  public static int[] top(int[] ranking, int n) {
    if (n < 0 || n > ranking.length) {
      throw new IllegalArgumentException("cannot take " + n + " of " + ranking.length);
    }
    return Arrays.copyOf(ranking, n);
  }

  /**
   * {@code n} distinct channels drawn uniformly.
   *
   * @param channels C
   * @param n how many
   * @param rng the stream
   * @return the channels, in draw order
   */
  public static int[] randomChannels(int channels, int n, SplittableRandom rng) {
    if (n < 0 || n > channels) {
      throw new IllegalArgumentException("cannot draw " + n + " of " + channels + " channels");
    }
    int[] p = IntStream.range(0, channels).toArray();
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(channels - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return Arrays.copyOf(p, n);
  }
}
