package io.shiftlab.experiment;

import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Estimates over the runs (seeds) of one arm, the unit every check is decided on: per run a row of
 * per-image values, then the 95% interval of {@link Intervals#overSeedsAndImages} over the runs and
 * their test images. Two arms are compared run r with run r, image for image.
 */
final class OverRuns {
  private OverRuns() {}

  /**
   * Validates a result's runs per arm.
   *
   * @param seeds runs per arm
   * @throws IllegalArgumentException if it is below 1
   */
  static void requireSeeds(int seeds) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    }
  }

  /**
   * The mean of per-image values over runs and images, with its 95% interval.
   *
   * @param runs the runs
   * @param perImage a run's values, one per test image
   * @param <T> the run type
   * @return the estimate, in the values' unit
   */
  static <T> Estimate interval(List<T> runs, Function<T, double[]> perImage) {
    return Intervals.overSeedsAndImages(runs.stream().map(perImage).toArray(double[][]::new));
  }

  /**
   * The per-image difference {@code f(a) - f(b)}, run r of {@code a} paired with run r of {@code
   * b}, over runs and images.
   *
   * @param a the first arm's runs
   * @param b the second arm's runs, the same number on the same images in the same order
   * @param perImage a run's values, one per test image
   * @param unequal the message when the arms have different numbers of runs
   * @param <T> the run type
   * @return the estimate, in the values' unit
   */
  static <T> Estimate paired(
      List<T> a, List<T> b, Function<T, double[]> perImage, Supplier<String> unequal) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(unequal.get());
    }
    double[][] rows = new double[a.size()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Intervals.minus(perImage.apply(a.get(r)), perImage.apply(b.get(r)));
    }
    return Intervals.overSeedsAndImages(rows);
  }

  /**
   * {@link #paired} of two labelled arms; unequal run counts read {@code A has 3 runs, B 2}.
   *
   * @param aLabel the first arm's label
   * @param a its runs
   * @param bLabel the second arm's label
   * @param b its runs
   * @param perImage a run's values, one per test image
   * @param <T> the run type
   * @return the estimate, in the values' unit
   */
  static <T> Estimate paired(
      String aLabel, List<T> a, String bLabel, List<T> b, Function<T, double[]> perImage) {
    return paired(
        a, b, perImage, () -> aLabel + " has " + a.size() + " runs, " + bLabel + " " + b.size());
  }
}
