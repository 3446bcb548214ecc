package io.shiftlab.probe;

import java.nio.file.Path;

/**
 * Renders a probe's result. A writer reads only the result it is given, never the probe or the
 * model, so a result can be written again, or tested with hand-made values.
 *
 * @param <R> the result type
 */
public interface ProbeWriter<R> {
  /**
   * Writes the result's files (CSV, JSON, PNG) into {@code dir}.
   *
   * @param result the result
   * @param dir an existing directory (the command's staging directory)
   * @return the summary for {@code summary.md} and {@code summary.json}
   */
  ProbeSummary write(R result, Path dir);
}
