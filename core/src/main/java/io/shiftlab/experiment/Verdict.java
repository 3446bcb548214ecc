package io.shiftlab.experiment;

import java.util.List;

/**
 * How far an experiment reproduced its claim, computed from its checks by {@link #RULE}: every
 * check held = reproduced; some but not all = partly; none = not reproduced.
 */
public enum Verdict {
  /** Every check held. */
  REPRODUCED("reproduced"),
  /** At least one check held, but not all. */
  PARTLY("partly"),
  /** No check held. */
  NOT_REPRODUCED("not reproduced");

  /** The rule, stated in every report. */
  public static final String RULE =
      "reproduced = every expected-outcome check held; partly = at least one but not all held;"
          + " not reproduced = none held. Checks compare measured numbers with the expected"
          + " outcome of the experiment's protocol card; published figures are never used as the"
          + " measured side.";

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
    long held = checks.stream().filter(Check::held).count();
    return held == checks.size() ? REPRODUCED : held == 0 ? NOT_REPRODUCED : PARTLY;
  }
}
