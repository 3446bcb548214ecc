package io.shiftlab.experiment;

import io.shiftlab.stats.Estimate;
import java.util.Objects;

/**
 * One expected outcome of a protocol card, decided from what a run measured: either exactly (a
 * property true by construction, such as bit-identical logits) or statistically, from the effect's
 * 95% interval over seeds and the claim's {@link Threshold}.
 *
 * @param expected the expectation, e.g. {@code circular: Similar = Dissimilar exactly}
 * @param decision held, not held or inconclusive
 * @param measured the evidence, e.g. {@code Similar 73.1% [71.0, 75.2] over 3 seeds}
 * @param effect the effect with its interval; null for an exact check
 * @param threshold the claim's threshold on the effect, as text; null for an exact check
 */
public record Check(
    String expected, Decision decision, String measured, Estimate effect, String threshold) {
  /** Validates the fields. */
  public Check {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(measured, "measured");
    if ((effect == null) != (threshold == null)) {
      throw new IllegalArgumentException("an effect and its threshold come together");
    }
  }

  /**
   * An exact check: a property that holds or not, with no sampling error.
   *
   * @param expected the expectation
   * @param held whether it holds
   * @param measured the evidence
   */
  public Check(String expected, boolean held, String measured) {
    this(expected, held ? Decision.HELD : Decision.NOT_HELD, measured, null, null);
  }

  /**
   * A statistical check decided by {@link Threshold#decide}.
   *
   * @param expected the expectation
   * @param effect the effect with its 95% interval
   * @param threshold the claim's side of the threshold
   * @param decimals digits after the point when the effect is shown
   * @param measured further evidence, appended after the interval (may be empty)
   * @return the check
   */
  public static Check decide(
      String expected, Estimate effect, Threshold threshold, int decimals, String measured) {
    String evidence =
        effect.text(decimals)
            + " (95% interval, "
            + effect.method()
            + "; claim "
            + threshold.text(decimals)
            + ")"
            + (measured.isEmpty() ? "" : "; " + measured);
    return new Check(
        expected, threshold.decide(effect), evidence, effect, threshold.text(decimals));
  }

  /** Whether the check held. */
  public boolean held() {
    return decision == Decision.HELD;
  }

  /** One line for terminals and Markdown: {@code held: EXPECTED — MEASURED}. */
  public String line() {
    String tag =
        switch (decision) {
          case HELD -> "held: ";
          case NOT_HELD -> "did NOT hold: ";
          case INCONCLUSIVE -> "inconclusive: ";
        };
    return tag + expected + " — " + measured;
  }
}
