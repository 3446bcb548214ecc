package io.shiftlab.experiment;

import java.util.List;

/**
 * How far an experiment reproduced its claim, computed from its checks' decisions by {@link #RULE}.
 */
public enum Verdict {
  /** Every check held. */
  REPRODUCED("reproduced"),
  /** Some checks held and some did not. */
  PARTLY("partly"),
  /** No check was refuted, but not all were decided: the budget or seeds do not settle it. */
  INCONCLUSIVE("inconclusive"),
  /** At least one check did not hold and none held. */
  NOT_REPRODUCED("not reproduced");

  /** The rule, stated in every report. */
  public static final String RULE =
      "A check is held when the whole 95% interval of its effect (over seeds, and over test images"
          + " where the effect is a mean over images) lies on the claim's side of its threshold,"
          + " not held when it lies entirely on the other side, and inconclusive otherwise; checks"
          + " that are exact by construction are held or not. reproduced = every check held;"
          + " partly = some held and some not held; inconclusive = none not held but not all"
          + " held; not reproduced = some not held and none held. Published figures are never"
          + " used as the measured side.";

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The label shown in reports. */
  public String label() {
    return label;
  }

  /**
   * Applies {@link #RULE}.
   *
   * @param checks the experiment's checks (at least one)
   * @return the verdict
   */
  public static Verdict of(List<Check> checks) {
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("an experiment needs at least one check");
    }
    long held = checks.stream().filter(c -> c.decision() == Decision.HELD).count();
    long notHeld = checks.stream().filter(c -> c.decision() == Decision.NOT_HELD).count();
    if (held == checks.size()) {
      return REPRODUCED;
    }
    if (notHeld == 0) {
      return INCONCLUSIVE;
    }
    return held > 0 ? PARTLY : NOT_REPRODUCED;
  }
}
