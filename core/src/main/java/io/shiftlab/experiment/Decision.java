package io.shiftlab.experiment;

/**
 * How one check came out under the rule of {@link Threshold#decide}: the whole 95% interval of the
 * effect on the claim's side of the threshold, entirely on the other side, or neither.
 */
public enum Decision {
  /** The whole interval is on the claim's side (or an exact check is met). */
  HELD("held"),
  /** The whole interval is on the other side (or an exact check is not met). */
  NOT_HELD("not held"),
  /** The interval straddles the threshold: more seeds or a larger budget are needed to decide. */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Decision(String label) {
    this.label = label;
  }

  /** The label shown in reports. */
  public String label() {
    return label;
  }
}
