package io.shiftlab.stats;

import java.util.Locale;

/**
 * An effect with its two-sided 95% interval.
 *
 * @param value the point estimate (the mean over seeds)
 * @param lo the interval's lower end
 * @param hi the interval's upper end
 * @param seeds the seeds (trained models) it rests on
 * @param method how the interval was made, e.g. {@code over 3 seeds x 500 images, t + image error}
 */
public record Estimate(double value, double lo, double hi, int seeds, String method) {
  /**
   * Validates that the interval is ordered and contains the point estimate. An unbounded end may be
   * infinite; JSON stores it as null, which reads back as NaN and is taken as unbounded.
   */
  public Estimate {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("an estimate must not be NaN");
    }
    lo = Double.isNaN(lo) ? Double.NEGATIVE_INFINITY : lo;
    hi = Double.isNaN(hi) ? Double.POSITIVE_INFINITY : hi;
    if (!(lo <= value && value <= hi)) {
      throw new IllegalArgumentException(
          "interval [" + lo + ", " + hi + "] does not contain " + value);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("an estimate rests on at least one seed");
    }
  }

  /**
   * An effect known exactly (its interval is the point).
   *
   * @param value the value
   * @param seeds the seeds it covers
   * @return the estimate
   */
  public static Estimate exact(double value, int seeds) {
    return new Estimate(value, value, value, seeds, "exact");
  }

  /**
   * The same estimate with every number multiplied by {@code factor} (for example 100, for
   * percent); a negative factor swaps the ends.
   *
   * @param factor the factor
   * @return the scaled estimate
   */
  public Estimate scaled(double factor) {
    double a = lo * factor;
    double b = hi * factor;
    return new Estimate(value * factor, Math.min(a, b), Math.max(a, b), seeds, method);
  }

  /** Whether {@code x} lies inside the interval (ends included). */
  public boolean contains(double x) {
    return lo <= x && x <= hi;
  }

  /**
   * Formats as {@code 12.3 [10.1, 14.5]} with the given decimals.
   *
   * @param decimals digits after the point
   * @return the text
   */
  public String text(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", value, lo, hi);
  }
}
