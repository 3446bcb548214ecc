package io.shiftlab.probe;

/**
 * Pure functions behind {@link EquivarianceProbe}: the relative masked L2 error between two feature
 * maps, the EQ-T decibel scale, the output shift at a layer's resolution and the inference of a
 * layer's cumulative stride from map sizes.
 *
 * <p>The relative error of a layer output {@code F} under an input shift {@code s} is
 *
 * <pre>
 *   e = sqrt( &Sigma; m &middot; (a &minus; b)&sup2; ) / sqrt( &Sigma; m &middot; a&sup2; )
 * </pre>
 *
 * where {@code a} is the reference ({@code F(T_s x)} for a spatial map, {@code F(x)} for a vector),
 * {@code b} the comparison ({@code T_{s/S} F(x)} for a map, {@code F(T_s x)} for a vector) and
 * {@code m} a 0/1 mask over the cells (all ones without a border mask). Equal outputs give 0, an
 * output and its negation give 2, uncorrelated outputs of equal norm about &radic;2. It is a
 * relative error rather than card 10's {@code sum(m * delta^2) / sqrt(sum(m))} so that layers of
 * different scale compare on one chart.
 */
public final class EquivarianceMetrics {
  private EquivarianceMetrics() {}

  /**
   * The relative masked L2 error of two equally long arrays.
   *
   * @param reference {@code a}, whose masked norm is the denominator
   * @param other {@code b}
   * @param mask per-element weights (0 or 1), same length, or null for all ones
   * @return {@code sqrt(sum(m * (a - b)^2)) / sqrt(sum(m * a^2))}; see {@link
   *     #relativeError(double, double)} for a zero denominator; NaN (undefined) when the mask
   *     leaves no element, since nothing was compared
   */
  public static double relativeError(float[] reference, float[] other, float[] mask) {
    if (reference.length != other.length || (mask != null && mask.length != reference.length)) {
      throw new IllegalArgumentException(
          "lengths differ: reference "
              + reference.length
              + ", other "
              + other.length
              + (mask == null ? "" : ", mask " + mask.length));
    }
    double diff = 0;
    double ref = 0;
    boolean compared = mask == null && reference.length > 0;
    for (int i = 0; i < reference.length; i++) {
      compared |= mask != null && mask[i] != 0;
      double m = mask == null ? 1 : mask[i];
      double d = (double) reference[i] - other[i];
      diff += m * d * d;
      ref += m * (double) reference[i] * reference[i];
    }
    return compared ? relativeError(diff, ref) : Double.NaN;
  }

  /**
   * The relative error from its two sums of squares, as the probe accumulates them on the engine.
   *
   * @param sumSqDiff {@code sum(m * (a - b)^2)}, non-negative
   * @param sumSqReference {@code sum(m * a^2)}, non-negative
   * @return {@code sqrt(sumSqDiff / sumSqReference)}; 0 when both are 0 (nothing differs); NaN when
   *     only the reference is 0 (the error is undefined; the probe counts and skips such pairs).
   *     The sums cannot tell an empty mask from equal outputs: a caller whose mask leaves no cell
   *     must count the pair undefined without calling this
   */
  public static double relativeError(double sumSqDiff, double sumSqReference) {
    if (sumSqReference == 0) {
      return sumSqDiff == 0 ? 0 : Double.NaN;
    }
    return Math.sqrt(sumSqDiff / sumSqReference);
  }

  /**
   * The EQ-T decibel value of a mean squared difference of softmax probabilities (PROTOCOLS card
   * 10): {@code 20 log10(2) - 10 log10(E)}; higher is more equivariant (invariant).
   *
   * @param meanSquaredDifference {@code E}, non-negative
   * @return the value in dB; +Infinity for {@code E = 0}
   */
  public static double decibels(double meanSquaredDifference) {
    if (!(meanSquaredDifference >= 0)) {
      throw new IllegalArgumentException(
          "mean squared difference must be non-negative, got " + meanSquaredDifference);
    }
    return 20 * Math.log10(2) - 10 * Math.log10(meanSquaredDifference);
  }

  /**
   * The shift at a layer's resolution: {@code s / S} rounded to the nearest integer, halves away
   * from zero, so that opposite shifts map to opposite output shifts.
   *
   * @param inputShift the input shift in pixels along one axis
   * @param stride the layer's cumulative stride, at least 1
   * @return the output shift in cells
   */
  public static int outputShift(int inputShift, int stride) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be at least 1, got " + stride);
    }
    int q = (int) Math.round(Math.abs(inputShift) / (double) stride);
    return inputShift < 0 ? -q : q;
  }

  /**
   * The size ratio {@code input / map}, the naive stride of a map.
   *
   * @param inputSize the input's height (or width)
   * @param mapSize the map's height (or width)
   * @return the ratio, not necessarily an integer
   */
  public static double sizeRatio(int inputSize, int mapSize) {
    return inputSize / (double) mapSize;
  }

  /**
   * Infers the cumulative stride of each map in a chain of spatial maps from their sizes along one
   * axis.
   *
   * <p>The naive ratio {@code input / size} overstates the stride after unpadded (valid)
   * convolutions: in cnn2, 28 &rarr; 24 &rarr; 12 &rarr; 8 &rarr; 4 gives 7 for the last map, whose
   * true stride is 4. So each step's stride is inferred from the previous map: a layer of stride
   * {@code t} (valid or "same" padding) gives at most {@code ceil(prev / t)} cells, so the step's
   * stride is the largest {@code t} with {@code ceil(prev / t) >= size}, or 1 when the map grew
   * (full padding). The cumulative stride is the product of the steps. This is exact for stacks of
   * "same" convolutions and pools, and for valid convolutions whose kernel is smaller than half the
   * map; a tiny map under a large valid kernel may be mistaken for a downsampling step.
   *
   * @param inputSize the input's size along the axis
   * @param sizes the maps' sizes along the axis, in layer order
   * @return the cumulative stride of each map, at least 1
   */
  public static int[] strides(int inputSize, int[] sizes) {
    int[] out = new int[sizes.length];
    int prev = inputSize;
    int cumulative = 1;
    for (int i = 0; i < sizes.length; i++) {
      int size = sizes[i];
      if (size < 1) {
        throw new IllegalArgumentException("map size must be positive, got " + size);
      }
      int step = 1;
      for (int t = 2; t <= prev; t++) {
        if (ceilDiv(prev, t) >= size) {
          step = t;
        } else {
          break;
        }
      }
      cumulative *= step;
      out[i] = cumulative;
      prev = size;
    }
    return out;
  }

  /**
   * Whether a layer output of this shape is a spatial NCHW map: four dimensions whose last two have
   * the input's aspect ratio within 25%. Channels-last maps such as {@code (N, H, W, C)} fail the
   * test and are compared as vectors.
   *
   * @param shape the output shape, batch first
   * @param inputHeight the input's height
   * @param inputWidth the input's width
   * @return whether it is treated as a map
   */
  public static boolean isSpatial(long[] shape, int inputHeight, int inputWidth) {
    if (shape.length != 4 || shape[2] < 1 || shape[3] < 1) {
      return false;
    }
    double aspect = shape[2] / (double) shape[3];
    double inputAspect = inputHeight / (double) inputWidth;
    return Math.abs(aspect / inputAspect - 1) <= 0.25;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
