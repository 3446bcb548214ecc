package io.shiftlab.experiment;

/**
 * An experiment that declares what it is once, in its constructor; the subclass measures and names
 * its report.
 *
 * @param <R> the result type
 */
public abstract class AbstractExperiment<R> implements Experiment<R> {
  private final ExperimentInfo info;

  /**
   * Declares the experiment.
   *
   * @param info its name, card, claim and data sets
   */
  protected AbstractExperiment(ExperimentInfo info) {
    this.info = info;
  }

  @Override
  public final ExperimentInfo info() {
    return info;
  }
}
