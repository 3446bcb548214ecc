package io.shiftlab.experiment;

import java.nio.file.Path;

/**
 * Renders an experiment's result. A report reads only the result it is given, never the experiment
 * that produced it, so the same result can be rendered again, compared, or tested with hand-made
 * values.
 *
 * @param <R> the result type
 */
public interface Report<R> {
  /**
   * Writes the result's files into {@code dir}: {@code results.md}, {@code results.csv}, {@code
   * results.json} and the figures that {@link #findings} names.
   *
   * @param result the result
   * @param dir the experiment's (staging) directory
   */
  void write(R result, Path dir);

  /**
   * What the result shows, in the form every report shows it.
   *
   * @param result the result
   * @return setup, table, figures, checks and decisions
   */
  Findings findings(R result);
}
