package io.shiftlab.experiment;

import io.shiftlab.stats.Estimate;
import java.util.Locale;

/**
 * The side of a threshold a claim puts its effect on, and the rule that decides a check from the
 * effect's 95% interval:
 *
 * <ul>
 *   <li>{@link Decision#HELD} when the whole interval lies on the claim's side;
 *   <li>{@link Decision#NOT_HELD} when it lies entirely on the other side;
 *   <li>{@link Decision#INCONCLUSIVE} otherwise.
 * </ul>
 *
 * <p>"Above 0.95" holds when the interval's lower end exceeds 0.95; "within 3 of 0" (an equivalence
 * claim) holds when the whole interval lies inside [-3, 3] and fails when it lies entirely outside.
 *
 * @param side which side the claim is on
 * @param value the threshold (for {@link Side#WITHIN}, the centre)
 * @param tolerance for {@link Side#WITHIN}, the half-width; 0 otherwise
 */
public record Threshold(Side side, double value, double tolerance) {
  /** Where the claim puts the effect. */
  public enum Side {
    /** Effect greater than the value. */
    ABOVE,
    /** Effect less than the value. */
    BELOW,
    /** Effect within {@code tolerance} of the value. */
    WITHIN
  }

  /** Validates the fields. */
  public Threshold {
    if (!Double.isFinite(value) || !(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("threshold " + value + " ± " + tolerance);
    }
    if (side != Side.WITHIN && tolerance != 0) {
      throw new IllegalArgumentException("only WITHIN takes a tolerance");
    }
  }

  /** The claim "effect &gt; value". */
  public static Threshold above(double value) {
    return new Threshold(Side.ABOVE, value, 0);
  }

  /** The claim "effect &lt; value". */
  public static Threshold below(double value) {
    return new Threshold(Side.BELOW, value, 0);
  }

  /** The claim "|effect - centre| &le; tolerance". */
  public static Threshold within(double centre, double tolerance) {
    return new Threshold(Side.WITHIN, centre, tolerance);
  }

  /**
   * Applies the rule.
   *
   * @param e the effect with its interval
   * @return the decision
   */
  public Decision decide(Estimate e) {
    return switch (side) {
      case ABOVE ->
          e.lo() > value
              ? Decision.HELD
              : e.hi() <= value ? Decision.NOT_HELD : Decision.INCONCLUSIVE;
      case BELOW ->
          e.hi() < value
              ? Decision.HELD
              : e.lo() >= value ? Decision.NOT_HELD : Decision.INCONCLUSIVE;
      case WITHIN -> {
        double a = value - tolerance;
        double b = value + tolerance;
        yield e.lo() >= a && e.hi() <= b
            ? Decision.HELD
            : e.hi() < a || e.lo() > b ? Decision.NOT_HELD : Decision.INCONCLUSIVE;
      }
    };
  }

  /**
   * The claim as text, e.g. {@code > 0.95} or {@code within 3 of 0}.
   *
   * @param decimals digits after the point
   * @return the text
   */
  public String text(int decimals) {
    String f = "%." + decimals + "f";
    return switch (side) {
      case ABOVE -> String.format(Locale.ROOT, "> " + f, value);
      case BELOW -> String.format(Locale.ROOT, "< " + f, value);
      case WITHIN -> String.format(Locale.ROOT, "within " + f + " of " + f, tolerance, value);
    };
  }
}
