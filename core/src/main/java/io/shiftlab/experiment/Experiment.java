package io.shiftlab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A reproduced experiment: {@code shiftlab reproduce NAME}. An implementation trains and measures
 * at the budget the context asks for, writes its own files into the directory it is given ({@code
 * results.md}, {@code results.csv}, {@code results.json}, figures, run directories), and returns an
 * {@link Outcome} that the caller writes to {@code outcome.json} beside them. The combined report
 * reads only those files.
 */
public interface Experiment {
  /** The name on the command line, e.g. {@code red-green}. */
  String name();

  /** The protocol card it follows, e.g. {@code PROTOCOLS card 5}. */
  String card();

  /** The claim being tested, one or two sentences with its source. */
  String claim();

  /**
   * The data sets {@code --dataset} may name for this experiment; empty if it makes its own data
   * and ignores {@code --dataset}.
   */
  default List<String> datasets() {
    return List.of();
  }

  /**
   * Runs the experiment.
   *
   * @param ctx budget, seed, data and progress
   * @param dir an empty directory to write into (a staging directory: the caller moves it into
   *     place when this returns)
   * @return the outcome
   * @throws IOException if an output cannot be written
   */
  Outcome run(ExperimentContext ctx, Path dir) throws IOException;
}
